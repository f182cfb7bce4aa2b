import { truncateText } from './untrusted.js';

/** Longest path {@link stripQuery} returns, in characters. */
export const MAX_LOGGED_PATH_CHARS = 256;

/**
 * Returns the path of a request target without its query string or fragment,
 * truncated to 256 characters, so query-string tokens never reach a log.
 * Absolute URLs lose their scheme, credentials and host as well.
 *
 * @example
 * stripQuery('/ws?token=eyJhbGciOi...'); // '/ws'
 */
export function stripQuery(url: unknown): string {
  if (typeof url !== 'string' || url.length === 0) return '';
  let path = url;
  const cut = path.search(/[?#]/);
  if (cut !== -1) path = path.slice(0, cut);
  // An absolute-form target (`GET http://host/path HTTP/1.1`) may carry credentials.
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/.exec(path);
  if (absolute) path = path.slice(absolute[0].length) || '/';
  return truncateText(path, MAX_LOGGED_PATH_CHARS);
}
