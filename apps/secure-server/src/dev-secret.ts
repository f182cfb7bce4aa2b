import { randomBytes } from 'node:crypto';
import { type Stats, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createError } from '@proj/errors';
import { errnoCodeOf } from './errno.js';

/** Default location of the development secret: the app folder, git-ignored. */
export const DEFAULT_DEV_SECRET_FILE: string = fileURLToPath(new URL('../.dev-jwt-secret', import.meta.url));

/** Shortest development secret accepted, in characters after trimming; a created one has 43. */
const MIN_SECRET_LENGTH = 32;

/**
 * Reads the development JWT secret, creating a random one with owner-only
 * permissions when the file does not exist. An existing file is never
 * overwritten. Never used when NODE_ENV is production.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` naming DEV_SECRET_FILE when the
 * file exists but is not a regular file, is accessible by group or others, or
 * contains fewer than 32 characters, and when it can be neither read nor created.
 */
export function readOrCreateDevSecret(file: string): { secret: string; created: boolean } {
  const existing = readExistingSecret(file);
  if (existing !== undefined) return { secret: existing, created: false };

  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx' fails when the file exists, so a file created since the check above is kept.
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    const raced = errnoCodeOf(err) === 'EEXIST' ? readExistingSecret(file) : undefined;
    if (raced !== undefined) return { secret: raced, created: false };
    throw createError('ERR_CONFIG_INVALID', `DEV_SECRET_FILE: cannot create ${file} (${errnoCodeOf(err)}); set JWT_SECRET instead`);
  }
  return { secret, created: true };
}

// Returns undefined when the file does not exist. lstat does not follow symbolic links, so a link is rejected as not a regular file.
function readExistingSecret(file: string): string | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (err) {
    if (errnoCodeOf(err) === 'ENOENT') return undefined;
    throw createError('ERR_CONFIG_INVALID', `DEV_SECRET_FILE: cannot read ${file} (${errnoCodeOf(err)})`);
  }
  if (!stats.isFile()) throw unusable(file, 'is not a regular file; point DEV_SECRET_FILE at a regular file or remove it');
  const mode = stats.mode;
  // Windows reports no group or other permission bits that mean anything.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw unusable(file, `is accessible by group or others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`);
  }
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', `DEV_SECRET_FILE: cannot read ${file} (${errnoCodeOf(err)})`);
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw unusable(file, `contains fewer than ${MIN_SECRET_LENGTH} characters; remove it to have a new secret created, or set JWT_SECRET`);
  }
  return secret;
}

function unusable(file: string, problem: string): Error {
  return createError('ERR_CONFIG_INVALID', `DEV_SECRET_FILE: ${file} ${problem}`);
}
