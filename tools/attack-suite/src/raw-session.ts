import { once } from 'node:events';
import { type RawWebSocket, clientFrame, openRawWebSocket } from '@proj/testkit';
import type { SecureTarget, Target } from './target.js';

/** Waits until `condition` holds, polling every 10 ms, or throws after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 3_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Opens a raw WebSocket on a target and, on the secure server, authenticates
 * it with a fresh valid token first, so frames reach the authenticated path.
 */
export async function openReadyRawSocket(target: Target | SecureTarget, user = 'raw-client'): Promise<RawWebSocket> {
  const raw = await openRawWebSocket(target.app.port);
  if ('tokens' in target) {
    raw.socket.write(clientFrame({ opcode: 0x1, payload: target.tokens.valid(user) }));
    await waitUntil(() => raw.received().includes('Authenticated!'), 3_000, 'authentication reply');
  }
  return raw;
}

/**
 * Writes `chunk` repeatedly, honouring backpressure, until `maxBytes` are
 * written, the server closes the socket or `timeoutMs` passes. Returns the
 * number of bytes handed to the socket.
 */
export async function writeUntilClosed(raw: RawWebSocket, chunk: Buffer, maxBytes: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let closed = false;
  void raw.ended.then(() => (closed = true));
  let written = 0;
  while (!closed && !raw.socket.destroyed && written < maxBytes && Date.now() < deadline) {
    written += chunk.length;
    if (!raw.socket.write(chunk)) {
      await Promise.race([once(raw.socket, 'drain'), raw.ended, new Promise((resolve) => setTimeout(resolve, 500))]);
    }
  }
  return written;
}
