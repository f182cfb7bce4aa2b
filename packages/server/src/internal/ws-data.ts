import type { RawData, WebSocket } from 'ws';

// ws keeps the close code it sends for a receiver error under a private symbol described as 'status-code' (ws 8 lib/receiver.js).
export function wsCloseCodeOf(err: Error): number | undefined {
  const key = Object.getOwnPropertySymbols(err).find((symbol) => symbol.description === 'status-code');
  const code: unknown = key === undefined ? undefined : (err as unknown as Record<symbol, unknown>)[key];
  return typeof code === 'number' ? code : undefined;
}

// ws 8 keeps the length from the frame header in its receiver's private _payloadLength when it
// rejects the frame (lib/receiver.js). It is read only for the log, and only when it is
// plausible, so a change inside ws loses the field, not the connection.
export function announcedLengthOf(ws: WebSocket, maxPayloadBytes: number): number | undefined {
  const receiver: unknown = (ws as unknown as { _receiver?: unknown })._receiver;
  const length: unknown = typeof receiver === 'object' && receiver !== null ? (receiver as { _payloadLength?: unknown })._payloadLength : undefined;
  return typeof length === 'number' && length > maxPayloadBytes ? length : undefined;
}

/** Returns `session.userId` as a string when it is a string or a number. */
export function defaultUserIdOf(session: unknown): string | undefined {
  if (typeof session !== 'object' || session === null) return undefined;
  const userId: unknown = (session as { userId?: unknown }).userId;
  return typeof userId === 'string' || typeof userId === 'number' ? String(userId) : undefined;
}

/** Returns the size in bytes of a message as ws delivers it. */
export function byteLengthOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((total, chunk) => total + chunk.length, 0);
  return data.byteLength;
}

/** Decodes a text message as ws delivers it; ws has already validated its UTF-8. */
export function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
