import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import type { SessionSpec } from './jobs.js';

/** Maximum wait for one connection to become ready. */
const READY_TIMEOUT_MS = 10_000;

/** Mints the token of client number `index`; each client gets its own user id. */
export function mintToken(secret: string, index: number): string {
  return jwt.sign({ sub: `bench-user-${index}` }, secret, { algorithm: 'HS256', expiresIn: '1h' });
}

/** Mints the tokens a session needs, one per client, or none without a secret. */
export function mintTokens(session: SessionSpec, count: number): string[] {
  if (session.jwtSecret === undefined) return [];
  const secret = session.jwtSecret;
  return Array.from({ length: count }, (_, index) => mintToken(secret, index));
}

/**
 * Opens one client and resolves once it is ready for traffic: after the
 * upgrade, and after the first reply when the session expects one.
 */
export function openSession(url: string, session: SessionSpec, token: string | undefined): Promise<WebSocket> {
  const headers = session.bearer && token !== undefined ? { authorization: `Bearer ${token}` } : undefined;
  // The client offers no compression, so every server sends plain frames; the
  // Python websockets server would otherwise negotiate permessage-deflate.
  const socket = new WebSocket(url, {
    perMessageDeflate: false,
    skipUTF8Validation: true,
    handshakeTimeout: READY_TIMEOUT_MS,
    ...(headers ? { headers } : {}),
  });
  // Every failure also ends in 'close', which callers watch; without any
  // 'error' listener, ws would throw the error from the emitter.
  socket.on('error', () => undefined);
  return new Promise<WebSocket>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      socket.removeAllListeners('message');
      socket.terminate();
      reject(err);
    };
    const ready = (): void => {
      clearTimeout(timer);
      socket.removeListener('error', fail);
      socket.removeListener('close', closedEarly);
      resolve(socket);
    };
    const closedEarly = (code: number): void => fail(new Error(`closed with code ${code} before the session was ready`));
    socket.once('error', fail);
    socket.once('close', closedEarly);
    socket.once('open', () => {
      if (session.readyReply === undefined && session.firstMessage === undefined) {
        ready();
        return;
      }
      if (session.readyReply !== undefined) {
        const expected = session.readyReply;
        socket.once('message', (data) => {
          const text = String(data);
          if (text.startsWith(expected)) ready();
          else fail(new Error(`expected a reply starting ${JSON.stringify(expected)}, got ${JSON.stringify(text.slice(0, 60))}`));
        });
      }
      if (session.firstMessage !== undefined) socket.send(session.firstMessage.replace('{token}', token ?? ''));
      if (session.readyReply === undefined) ready();
    });
  });
}

/** Outcome of {@link openMany}. */
export interface OpenedClients {
  sockets: WebSocket[];
  failures: number;
  firstFailure: string | undefined;
}

/** Opens `count` sessions, at most `concurrency` handshakes at a time, and stops at `deadline`. */
export async function openMany(
  url: string,
  session: SessionSpec,
  options: { count: number; concurrency: number; tokens: readonly string[]; deadline: number },
): Promise<OpenedClients> {
  const sockets: WebSocket[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < options.count && Date.now() < options.deadline) {
      const index = next++;
      try {
        sockets.push(await openSession(url, session, options.tokens[index]));
      } catch (err) {
        failures += 1;
        firstFailure ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, lane));
  return { sockets, failures, firstFailure };
}

/** Closes clients with 1000 and waits up to `timeoutMs` before terminating the rest. */
export async function closeAll(sockets: readonly WebSocket[], timeoutMs = 3_000): Promise<void> {
  const open = sockets.filter((socket) => socket.readyState !== WebSocket.CLOSED);
  const closed = open.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
  for (const socket of open) socket.close(1000);
  await Promise.race([Promise.all(closed), sleep(timeoutMs)]);
  for (const socket of open) socket.terminate();
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
