import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import * as auth from '@proj/auth';
import jwt from 'jsonwebtoken';
import { type MicroSubject, exported } from './subject.js';

/** Verifying one HS256 token, as the secure server does per connection. */
export function authSubjects(): MicroSubject[] {
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
