import { untrusted } from '../untrusted.js';

/** The shape {@link serializeConnection} writes under `connection`. */
export interface SerializedConnection {
  id: string;
  remoteAddress: string;
  /** Present once the connection has authenticated. */
  userId?: string;
}

interface ConnectionLike {
  id?: unknown;
  remoteAddress?: unknown;
  userId?: unknown;
  session?: { userId?: unknown } | null;
}

/**
 * Serializes a connection into its id, remote address and, once
 * authenticated, the user id (read from `userId` or `session.userId`). The
 * session's other fields, such as token claims, are left out. Never throws.
 *
 * @example
 * log.info({ connection: serializeConnection(connection) }, 'session expired');
 */
export function serializeConnection(connection: unknown): SerializedConnection {
  const value = (typeof connection === 'object' && connection !== null ? connection : {}) as ConnectionLike;
  let id: unknown;
  let remoteAddress: unknown;
  let userId: unknown;
  try {
    id = value.id;
    remoteAddress = value.remoteAddress;
    userId = value.userId ?? value.session?.userId;
  } catch {
    // A throwing getter leaves the remaining fields unknown.
  }
  const result: SerializedConnection = {
    id: untrusted(id ?? 'unknown', 64),
    remoteAddress: untrusted(remoteAddress ?? 'unknown', 64),
  };
  if (userId !== undefined && userId !== null) result.userId = untrusted(userId, 256);
  return result;
}
