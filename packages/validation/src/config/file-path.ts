import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { expecting } from '../internal/expected.js';

/**
 * Returns a schema for the path of a file that exists when the configuration
 * loads. It outputs the absolute path, resolved from the working directory.
 *
 * @example
 * z.object({ TLS_CERT_FILE: existingFile() });
 */
export function existingFile(): z.ZodType<string, string | undefined> {
  return existingPath('file');
}

/**
 * Returns a schema for the path of a directory that exists when the
 * configuration loads. It outputs the absolute path, resolved from the working
 * directory.
 *
 * @example
 * z.object({ DATA_DIR: existingDirectory() });
 */
export function existingDirectory(): z.ZodType<string, string | undefined> {
  return existingPath('directory');
}

function existingPath(kind: 'file' | 'directory'): z.ZodType<string, string | undefined> {
  return z
    .string()
    .refine((text) => isKind(text, kind), expecting(`the path of an existing ${kind}`))
    .transform((text) => resolve(text)) as never;
}

function isKind(path: string, kind: 'file' | 'directory'): boolean {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return kind === 'file' ? stats?.isFile() === true : stats?.isDirectory() === true;
  } catch {
    // An unreadable parent directory counts as missing, and the message states what was expected.
    return false;
  }
}
