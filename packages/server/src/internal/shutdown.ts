import { CloseCode } from '@proj/errors';
import type { WebSocket } from 'ws';

/**
 * Closes every connection with 1001, letting ws send what is already queued
 * before the close frame, waits for the peers until the deadline, then
 * terminates the rest. Resolves with how many closed and how many were
 * terminated.
 */
export async function drainConnections(records: ReadonlyMap<WebSocket, unknown>, deadlineMs: number): Promise<{ closed: number; terminated: number }> {
  const total = records.size;
  for (const ws of records.keys()) ws.close(CloseCode.GOING_AWAY, 'Server shutting down');
  const deadline = Date.now() + deadlineMs;
  while (records.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const terminated = records.size;
  for (const ws of records.keys()) ws.terminate();
  return { closed: total - terminated, terminated };
}
