import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { ConfigProblems } from '@proj/validation';
import type { TlsOptions } from '../options.js';

const CERTIFICATE = /-----BEGIN CERTIFICATE-----/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

/**
 * Reads and checks the TLS certificate and key at start-up, so a bad file is
 * named there rather than failing at listen. Records each problem and returns
 * undefined when there is one.
 */
export function readTlsFiles(certFile: string, keyFile: string, problems: ConfigProblems): TlsOptions | undefined {
  const cert = readPem('TLS_CERT_FILE', certFile, problems);
  const key = readPem('TLS_KEY_FILE', keyFile, problems);
  if (cert === undefined || key === undefined) return undefined;

  const certText = cert.toString('latin1');
  const keyText = key.toString('latin1');
  if (!CERTIFICATE.test(certText) && PRIVATE_KEY.test(certText) && CERTIFICATE.test(keyText)) {
    problems.add('TLS_CERT_FILE and TLS_KEY_FILE are swapped: TLS_CERT_FILE contains a private key and TLS_KEY_FILE a certificate');
    return undefined;
  }
  let valid = true;
  if (!CERTIFICATE.test(certText)) {
    problems.add('TLS_CERT_FILE: expected a PEM certificate (-----BEGIN CERTIFICATE-----)');
    valid = false;
  }
  if (!PRIVATE_KEY.test(keyText)) {
    problems.add('TLS_KEY_FILE: expected a PEM private key (-----BEGIN PRIVATE KEY-----)');
    valid = false;
  }
  if (!valid) return undefined;
  try {
    createSecureContext({ cert, key });
  } catch {
    // OpenSSL's message may quote file content, so only the fixed text is reported.
    problems.add('TLS_CERT_FILE and TLS_KEY_FILE do not form a valid pair: the key does not match the certificate, or one of them is damaged');
    return undefined;
  }
  return { cert, key };
}

function readPem(name: string, file: string, problems: ConfigProblems): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (err) {
    problems.add(`${name}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'no error code'})`);
    return undefined;
  }
}
