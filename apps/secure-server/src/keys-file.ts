import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type SigningKey, type VerificationKey, createHmacKey, createVerificationKey, isHmacAlgorithm, readPublicKeyFile } from '@proj/auth';
import { createError } from '@proj/errors';
import { z } from '@proj/validation';
import { errnoCodeOf } from './errno.js';

const algorithm = z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);

const entry = z.strictObject({
  kid: z.string().min(1).max(256),
  alg: algorithm,
  secret: z.string().optional(),
  publicKeyFile: z.string().min(1).optional(),
  privateKeyFile: z.string().min(1).optional(),
});

const keysFile = z.strictObject({ keys: z.array(entry).min(1).max(32) });

/** The keys read from `JWT_KEYS_FILE`. */
export interface KeysFromFile {
  readonly verification: VerificationKey[];
  /** Entries that can sign, oldest first; the last one is the newest. */
  readonly signing: SigningKey[];
}

/**
 * Reads `JWT_KEYS_FILE`: `{"keys":[{"kid","alg","secret"|"publicKeyFile","privateKeyFile"?}]}`,
 * oldest first. Relative key paths resolve against the file's folder.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` naming the entry and field, never a secret.
 */
export function readKeysFile(path: string): KeysFromFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', `JWT_KEYS_FILE ${path} cannot be read (${errnoCodeOf(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The SyntaxError is dropped because V8 quotes the file, which contains secrets.
    throw createError('ERR_CONFIG_INVALID', `JWT_KEYS_FILE ${path} is not JSON`);
  }
  const result = keysFile.safeParse(value);
  if (!result.success) {
    const where = result.error.issues.map((issue) => issue.path.map(String).join('.')).join(', ');
    throw createError('ERR_CONFIG_INVALID', `JWT_KEYS_FILE ${path} has invalid fields: ${where}`);
  }
  const parsed = result.data;

  const folder = dirname(path);
  const verification: VerificationKey[] = [];
  const signing: SigningKey[] = [];
  for (const item of parsed.keys) {
    const label = `JWT_KEYS_FILE key ${JSON.stringify(item.kid)}`;
    if (isHmacAlgorithm(item.alg)) {
      if (item.secret === undefined) throw createError('ERR_CONFIG_INVALID', `${label}: ${item.alg} needs "secret"`);
      const key = createHmacKey(item.secret, { algorithm: item.alg, name: label });
      verification.push(createVerificationKey({ key, algorithms: [item.alg], kid: item.kid }));
      signing.push({ kid: item.kid, algorithm: item.alg, key });
      continue;
    }
    if (item.publicKeyFile === undefined) throw createError('ERR_CONFIG_INVALID', `${label}: ${item.alg} needs "publicKeyFile"`);
    verification.push(readPublicKeyFile({ path: resolve(folder, item.publicKeyFile), algorithms: [item.alg], kid: item.kid }));
    if (item.privateKeyFile !== undefined) {
      const privatePath = resolve(folder, item.privateKeyFile);
      try {
        signing.push({ kid: item.kid, algorithm: item.alg, key: createPrivateKey(readFileSync(privatePath)) });
      } catch (err) {
        throw createError('ERR_CONFIG_INVALID', `${label}: cannot read the private key file ${privatePath} (${errnoCodeOf(err)})`);
      }
    }
  }
  return { verification, signing };
}
