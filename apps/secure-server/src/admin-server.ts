import { createHash, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Revocation } from '@proj/auth';
import { isProjError } from '@proj/errors';
import type { Logger } from '@proj/logger';
import { z } from '@proj/validation';
import * as events from './auth-events.js';
import type { LiveSessions } from './live-sessions.js';

/** Options for {@link createAdminServer}. */
export interface AdminServerOptions {
  port: number;
  /** Bearer token every request must carry. */
  token: string;
  sessions: LiveSessions;
  /** Seconds a revocation is kept when the request gives no expiry. */
  retentionSeconds: number;
  logger: Logger;
}

/** The admin endpoint; it listens on 127.0.0.1 only. */
export interface AdminServer {
  listen(): Promise<AddressInfo>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4_096;
const userId = z.string().min(1).max(256);
const seconds = z.number().int().positive();

const revocationRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('token'), tokenId: z.string().min(1).max(256), expiresAt: seconds.optional() }),
  z.strictObject({ kind: z.literal('user'), userId, expiresAt: seconds.optional() }),
  z.strictObject({ kind: z.literal('issued-before'), userId, before: seconds.optional(), expiresAt: seconds.optional() }),
]);

/**
 * Builds the admin HTTP endpoint on 127.0.0.1: `POST /revocations` records a
 * revocation and closes matching live sessions with 4403, and
 * `GET /sessions?userId=` lists a user's sessions. Every request needs
 * `Authorization: Bearer <ADMIN_TOKEN>`.
 *
 * @example
 * const admin = createAdminServer({ port: 9090, token, sessions, retentionSeconds: 86_400, logger });
 * await admin.listen();
 */
export function createAdminServer(options: AdminServerOptions): AdminServer {
  const expected = digest(options.token);
  const server: Server = createServer((request, response) => {
    void route(request, response).catch((err: unknown) => {
      const status = isProjError(err) ? err.spec.httpStatus : 500;
      send(response, status, { code: isProjError(err) ? err.code : 'ERR_INTERNAL' });
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://admin.invalid');
    const authorization = request.headers.authorization ?? '';
    const presented = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
    // Digests have equal length, so timingSafeEqual compares in constant time.
    if (!timingSafeEqual(digest(presented), expected)) {
      events.logAdminRejected(options.logger, 401, url.pathname);
      send(response, 401, { code: 'ERR_AUTH_TOKEN_INVALID' });
      return;
    }
    if (request.method === 'POST' && url.pathname === '/revocations') {
      const body = await readBody(request);
      const parsed = revocationRequest.safeParse(body);
      if (!parsed.success) {
        events.logAdminRejected(options.logger, 400, url.pathname);
        send(response, 400, { code: 'ERR_VALIDATION_SCHEMA' });
        return;
      }
      const revocation = toRevocation(parsed.data, options);
      const closedSessions = await options.sessions.revoke(revocation);
      send(response, 200, { revocation, closedSessions });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/sessions') {
      const user = url.searchParams.get('userId') ?? '';
      const list = options.sessions.registry.byUser(user).map(({ id, userId: owner, expiresAt, connectedAt, remoteAddress }) => ({ id, userId: owner, expiresAt, connectedAt, remoteAddress }));
      send(response, 200, { sessions: list });
      return;
    }
    send(response, 404, { error: 'not found' });
  }

  return {
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, '127.0.0.1', () => {
          const address = server.address() as AddressInfo;
          events.logAdminListening(options.logger, { host: address.address, port: address.port });
          resolve(address);
        });
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function toRevocation(request: z.output<typeof revocationRequest>, options: AdminServerOptions): Revocation {
  const now = Math.floor(Date.now() / 1000);
  const fallback = now + options.retentionSeconds;
  switch (request.kind) {
    case 'token': {
      const live = options.sessions.registry.filter((session) => session.tokenId === request.tokenId).map((session) => session.expiresAt);
      return { kind: 'token', tokenId: request.tokenId, expiresAt: request.expiresAt ?? Math.max(fallback, ...live) };
    }
    case 'user':
      return { kind: 'user', userId: request.userId, expiresAt: request.expiresAt ?? fallback };
    case 'issued-before':
      return { kind: 'issued-before', userId: request.userId, before: request.before ?? now + 1, expiresAt: request.expiresAt ?? fallback };
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
