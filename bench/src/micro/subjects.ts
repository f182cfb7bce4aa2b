import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import * as auth from '@proj/auth';
import * as validation from '@proj/validation';
import jwt from 'jsonwebtoken';

/** One operation to time, called once per iteration. */
export interface MicroSubject {
  group: string;
  name: string;
  run(): unknown;
  note?: string;
}

const ECHO_TEXT = 'x'.repeat(32);

/**
 * The operations timed per message and per token. Package APIs are looked up
 * at run time, so the harness keeps building while the packages change; a
 * subject whose API is missing is left out with a note on stderr.
 */
export function microSubjects(): MicroSubject[] {
  return [...validationSubjects(), ...authSubjects()];
}

type AnyFunction = (...args: unknown[]) => unknown;

function exported(module: object, name: string): AnyFunction | undefined {
  const value: unknown = (module as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as AnyFunction) : undefined;
}

function validationSubjects(): MicroSubject[] {
  const frame = Buffer.from(JSON.stringify({ type: 'echo', text: ECHO_TEXT, requestId: 'req-1' }));
  const subjects: MicroSubject[] = [
    { group: 'validation', name: 'JSON.parse of a 32 B echo message (reference)', run: () => JSON.parse(frame.toString('utf8')) },
  ];
  const parseJsonMessage = exported(validation, 'parseJsonMessage');
  if (parseJsonMessage) {
    subjects.push({ group: 'validation', name: 'parseJsonMessage (bounded JSON parse)', run: () => parseJsonMessage(frame) });
  }
  const defineProtocol = exported(validation, 'defineProtocol');
  if (defineProtocol) {
    const { z } = validation;
    const shapes = () => ({ echo: z.object({ text: z.string().max(4_096), requestId: z.string().max(64).optional() }) });
    const protocol = defineProtocol(shapes()) as { parse(data: Buffer): unknown };
    subjects.push({
      group: 'validation',
      name: 'protocol.parse: parse and validate one echo message',
      run: () => protocol.parse(frame),
    });
    subjects.push({
      group: 'validation',
      name: 'defineProtocol + parse per message',
      note: 'what compiling the schema on every message would cost',
      run: () => (defineProtocol(shapes()) as { parse(data: Buffer): unknown }).parse(frame),
    });
  } else {
    process.stderr.write('micro: @proj/validation has no defineProtocol, so message validation is not timed\n');
  }
  return subjects;
}

function authSubjects(): MicroSubject[] {
  const secret = randomBytes(48).toString('base64url');
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const token = jwt.sign({ sub: 'bench-user' }, secret, { algorithm: 'HS256', expiresIn: '1h' });
  const signingInput = token.slice(0, token.lastIndexOf('.'));
  const subjects: MicroSubject[] = [
    { group: 'auth', name: 'HMAC-SHA256 of the token (reference)', run: () => createHmac('sha256', key).update(signingInput).digest() },
    { group: 'auth', name: 'jsonwebtoken.verify, KeyObject (reference)', run: () => jwt.verify(token, key, { algorithms: ['HS256'] }) },
    {
      group: 'auth',
      name: 'jsonwebtoken.verify, string secret',
      note: 'the cost a KeyObject made once avoids',
      run: () => jwt.verify(token, secret, { algorithms: ['HS256'] }),
    },
  ];
  const verify = projVerifier(secret);
  if (verify) subjects.push({ group: 'auth', name: verify.name, run: () => verify.run(token) });
  else process.stderr.write('micro: no known token verification API in @proj/auth, so it is not timed\n');
  return subjects;
}

// Supports the verifier-object API (createTokenVerifier) and the older
// verifyToken(token, { key }) function.
function projVerifier(secret: string): { name: string; run(token: string): unknown } | undefined {
  const createHmacKey = exported(auth, 'createHmacKey');
  const createTokenVerifier = exported(auth, 'createTokenVerifier');
  const createKeySet = exported(auth, 'createKeySet');
  const createVerificationKey = exported(auth, 'createVerificationKey');
  if (createHmacKey && createTokenVerifier && createKeySet && createVerificationKey) {
    const key = createHmacKey(secret);
    const keys = createKeySet([createVerificationKey({ key, algorithms: ['HS256'] })]);
    const verifier = createTokenVerifier({ keys, algorithms: ['HS256'] }) as { verify(token: string): Promise<unknown> };
    return { name: '@proj/auth createTokenVerifier().verify', run: (token) => verifier.verify(token) };
  }
  const verifyToken = exported(auth, 'verifyToken');
  if (createHmacKey && verifyToken) {
    const key = createHmacKey(secret);
    return { name: '@proj/auth verifyToken', run: (token) => verifyToken(token, { key }) };
  }
  return undefined;
}
