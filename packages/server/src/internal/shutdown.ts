import { createError, toCloseFrame } from '@proj/errors';
import type { WebSocket } from 'ws';
import type { ConnectionRecord } from './connection-record.js';

/**
 * Closes every connection with the close frame of `ERR_SERVER_SHUTTING_DOWN`
 * (1001), letting ws send what is already queued before the close frame,
 * waits for the peers until the deadline, then terminates the rest. Resolves
 * with how many closed and how many were terminated.
 */
export async function drainConnections<Session>(records: ReadonlyMap<WebSocket, ConnectionRecord<Session>>, deadlineMs: number): Promise<{ closed: number; terminated: number }> {
  const total = records.size;
  const frame = toCloseFrame(createError('ERR_SERVER_SHUTTING_DOWN'));
  for (const { connection } of records.values()) connection.close(frame.code, frame.reason);
  const deadline = Date.now() + deadlineMs;
  while (records.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const terminated = records.size;
  for (const { connection } of records.values()) connection.terminate();
  return { closed: total - terminated, terminated };
}
