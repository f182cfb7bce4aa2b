import { untrusted } from '../untrusted.js';
import { stripQuery } from '../url.js';

/** Longest `origin` and `userAgent` kept, in characters. */
export const MAX_HEADER_VALUE_CHARS = 200;

/** The shape {@link serializeUpgradeRequest} writes under `req`. */
export interface SerializedUpgradeRequest {
  method: string;
  /** The request target without its query string or fragment. */
  path: string;
  remoteAddress: string;
  origin?: string;
  userAgent?: string;
}

interface RequestLike {
  method?: unknown;
  url?: unknown;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: unknown } | null;
}

/**
 * Serializes an HTTP upgrade request (`IncomingMessage`) into method, path
 * without query, remote address, origin and user agent. No other header is
 * copied, so `Authorization`, `Cookie` and `Sec-WebSocket-Protocol` never
 * reach the log through it. Never throws.
 *
 * @example
 * log.info({ req: serializeUpgradeRequest(req) }, 'upgrade rejected');
 */
export function serializeUpgradeRequest(req: unknown): SerializedUpgradeRequest {
  const request = (typeof req === 'object' && req !== null ? req : {}) as RequestLike;
  const headers = safely(() => request.headers) ?? {};
  const result: SerializedUpgradeRequest = {
    method: untrusted(safely(() => request.method) ?? '', 16),
    path: stripQuery(safely(() => request.url)),
    remoteAddress: untrusted(safely(() => request.socket?.remoteAddress) ?? 'unknown', 64),
  };
  const origin = safely(() => headers['origin']);
  if (origin !== undefined) result.origin = untrusted(origin, MAX_HEADER_VALUE_CHARS);
  const userAgent = safely(() => headers['user-agent']);
  if (userAgent !== undefined) result.userAgent = untrusted(userAgent, MAX_HEADER_VALUE_CHARS);
  return result;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
