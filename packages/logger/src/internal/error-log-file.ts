import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { createError } from '@proj/errors';

const OWNER_ONLY = 0o600;

/**
 * Opens the error log file for appending and returns its descriptor. The file
 * is created with mode 0600; an existing file readable or writable by group
 * or others is narrowed to 0600, and a file this process cannot narrow, a
 * symbolic link or anything but a regular file is rejected.
 */
export function openErrorLogFile(path: string): number {
  mkdirSync(dirname(path), { recursive: true });
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, OWNER_ONLY);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a symbolic link' : 'cannot be opened for appending';
    throw createError('ERR_CONFIG_INVALID', `error log file ${path} ${reason}`, { cause: err });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw createError('ERR_CONFIG_INVALID', `error log file ${path} is not a regular file`);
    if ((stats.mode & 0o077) !== 0) narrowToOwner(fd, path);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

function narrowToOwner(fd: number, path: string): void {
  try {
    fchmodSync(fd, OWNER_ONLY);
  } catch (err) {
    throw createError('ERR_CONFIG_INVALID', `error log file ${path} is readable by other users and its mode cannot be set to 0600`, {
      cause: err,
    });
  }
}
