import { once } from 'node:events';
import { type Socket, connect as connectTcp } from 'node:net';
import { clientFrame, openRawWebSocket, upgradeRequest } from '@proj/testkit';
import { waitUntil } from './raw-session.js';

/** Stage of a connection's life at which a client resets it. */
export type ResetStage =
  | 'after TCP connect'
  | 'mid request line'
  | 'right after the upgrade request'
  | 'after the 101'
  | 'mid frame header'
  | 'mid fragmented message'
  | 'during the first-message auth check'
  | 'during the upgrade auth check'
  | 'while sending every 10 ms';

/** Port and, for the stages that authenticate, a token source for a reset. */
export interface ResetContext {
  readonly port: number;
  /** Returns a fresh valid token; required for the authenticated stages. */
  readonly token?: () => string;
}

async function openTcp(port: number): Promise<Socket> {
  const socket = connectTcp({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return socket;
}

function requireToken(context: ResetContext): string {
  if (!context.token) throw new Error('this reset stage needs a token');
  return context.token();
}

async function resetSocket(socket: Socket): Promise<void> {
  const closed = once(socket, 'close');
  socket.resetAndDestroy();
  await closed;
}

/** Opens one connection, drives it to `stage` and resets it with a TCP RST. */
export async function resetAt(stage: ResetStage, context: ResetContext): Promise<void> {
  const { port } = context;
  switch (stage) {
    case 'after TCP connect':
      return resetSocket(await openTcp(port));
    case 'mid request line': {
      const socket = await openTcp(port);
      socket.write(upgradeRequest(port).slice(0, 20));
      return resetSocket(socket);
    }
    case 'right after the upgrade request': {
      const socket = await openTcp(port);
      socket.write(upgradeRequest(port));
      return resetSocket(socket);
    }
    case 'during the upgrade auth check': {
      const socket = await openTcp(port);
      socket.write(upgradeRequest(port, { headers: { Authorization: `Bearer ${requireToken(context)}` } }));
      return resetSocket(socket);
    }
    case 'after the 101':
      return resetSocket((await openRawWebSocket(port)).socket);
    case 'mid frame header': {
      const raw = await openRawWebSocket(port);
      raw.socket.write(clientFrame({ opcode: 0x1, payload: 'partial' }).subarray(0, 3));
      return resetSocket(raw.socket);
    }
    case 'mid fragmented message': {
      const raw = await openRawWebSocket(port);
      raw.socket.write(clientFrame({ opcode: 0x1, fin: false, payload: 'first half' }));
      return resetSocket(raw.socket);
    }
    case 'during the first-message auth check': {
      const raw = await openRawWebSocket(port);
      raw.socket.write(clientFrame({ opcode: 0x1, payload: requireToken(context) }));
      return resetSocket(raw.socket);
    }
    case 'while sending every 10 ms': {
      const raw = await openRawWebSocket(port);
      raw.socket.write(clientFrame({ opcode: 0x1, payload: requireToken(context) }));
      await waitUntil(() => raw.received().includes('Authenticated!'), 3_000, 'authentication reply');
      for (let i = 0; i < 3; i += 1) {
        raw.socket.write(clientFrame({ opcode: 0x1, payload: `tick ${i}` }));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return resetSocket(raw.socket);
    }
  }
}

/** Runs `total` resets at `stage`, `parallel` at a time, and stops early once `timeoutMs` has passed. */
export async function resetLoop(stage: ResetStage, context: ResetContext, total: number, parallel = 8, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total && Date.now() < deadline) {
      started += 1;
      await resetAt(stage, context);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return started;
}
