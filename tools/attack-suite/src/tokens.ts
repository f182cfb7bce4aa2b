import jwt from 'jsonwebtoken';
import type { LogAudit } from './audit.js';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Seconds since the epoch, the unit of JWT time claims. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Mints test tokens with one HMAC secret and registers each with a {@link LogAudit}. */
export class TokenMinter {
  readonly #secret: string;
  readonly #audit: LogAudit;

  constructor(secret: string, audit: LogAudit) {
    this.#secret = secret;
    this.#audit = audit;
    audit.secret(secret, 'JWT_SECRET');
  }

  /** Signs claims with the server's secret (HS256 unless `options.algorithm` names another). */
  sign(claims: Record<string, unknown>, options: jwt.SignOptions = {}): string {
    const token = jwt.sign(claims, this.#secret, { algorithm: 'HS256', ...options });
    this.#audit.token(token, 'signed');
    return token;
  }

  /** Signs claims with another secret, so the signature check fails. */
  signWithWrongKey(claims: Record<string, unknown>, options: jwt.SignOptions = {}): string {
    const token = jwt.sign(claims, `wrong-${this.#secret}`, { algorithm: 'HS256', ...options });
    this.#audit.token(token, 'wrong-key');
    return token;
  }

  /** Builds an unsigned token with the given `alg` header and signature segment. */
  unsigned(claims: Record<string, unknown>, alg = 'none', signature = ''): string {
    const token = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}.${signature}`;
    this.#audit.token(token, `alg ${alg}`);
    return token;
  }

  /** A token valid for `ttlSeconds` for the user `sub`. */
  valid(sub: string, ttlSeconds = 300): string {
    return this.sign({ sub, exp: nowSeconds() + ttlSeconds });
  }
}
