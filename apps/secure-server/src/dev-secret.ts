import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createError } from '@proj/errors';
import { errnoCodeOf } from './errno.js';

/** Default location of the development secret: the app folder, git-ignored. */
export const DEFAULT_DEV_SECRET_FILE: string = fileURLToPath(new URL('../.dev-jwt-secret', import.meta.url));

/**
 * Reads the development JWT secret, creating a random one with owner-only
 * permissions on first use. Never used when NODE_ENV is production.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` naming the file and the errno code
 * when the file can be neither read nor written.
 */
export function readOrCreateDevSecret(file: string): { secret: string; created: boolean } {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return { secret, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw createError('ERR_CONFIG_INVALID', `cannot read the development secret file ${file} (${errnoCodeOf(err)})`);
    }
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'w' with mode 0600 only applies the mode when the file is new, so chmod as well.
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', `cannot write the development secret file ${file} (${errnoCodeOf(err)}); set JWT_SECRET instead`);
  }
  return { secret, created: true };
}
