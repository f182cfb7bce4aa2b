/**
 * Returns the errno code of a failed file operation, such as `ENOENT`, for an
 * error message. Node's message is not used because it may quote a path or
 * file content; the code is a fixed vocabulary.
 */
export function errnoCodeOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : 'no error code';
}
