import { createHash, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Revocation } from '@proj/auth';
import { createError, toProjError } from '@proj/errors';
import type { Logger } from '@proj/logger';
import { z } from '@proj/validation';
import { readJsonBody, sendError, sendJson } from './admin-http.js';
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
      const error = toProjError(err);
      events.logAdminRejected(options.logger, error, request.url);
      sendError(response, error);
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    authorize(request.headers.authorization, expected);
    // Split by hand because new URL() throws on request targets such as `//`.
    const target = request.url ?? '/';
    const queryStart = target.indexOf('?');
    const pathname = queryStart === -1 ? target : target.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1));
    if (request.method === 'POST' && pathname === '/revocations') {
      const parsed = revocationRequest.safeParse(await readJsonBody(request));
      if (!parsed.success) throw createError('ERR_VALIDATION_SCHEMA', 'revocation request failed validation');
      const revocation = toRevocation(parsed.data, options);
      const closedSessions = await options.sessions.revoke(revocation);
      sendJson(response, 200, { revocation, closedSessions });
      return;
    }
    if (request.method === 'GET' && pathname === '/sessions') {
      const user = query.get('userId') ?? '';
      const list = options.sessions.registry.byUser(user).map(({ id, userId: owner, expiresAt, connectedAt, remoteAddress }) => ({ id, userId: owner, expiresAt, connectedAt, remoteAddress }));
      sendJson(response, 200, { sessions: list });
      return;
    }
    // No registry code fits an unknown route, because every code also needs a WebSocket close code.
    events.logAdminNotFound(options.logger, request.url);
    sendJson(response, 404, { message: 'Not Found' });
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

/**
 * Checks `Authorization: Bearer <ADMIN_TOKEN>`. Both sides are hashed to
 * SHA-256 first, so timingSafeEqual compares equal lengths in constant time.
 *
 * @throws {AuthenticationError} `ERR_AUTH_TOKEN_MISSING` without a Bearer token,
 * `ERR_AUTH_TOKEN_INVALID` for a wrong one.
 */
function authorize(authorization: string | undefined, expected: Buffer): void {
  const presented = authorization?.startsWith('Bearer ') === true ? authorization.slice(7) : '';
  if (presented.length === 0) throw createError('ERR_AUTH_TOKEN_MISSING', 'admin request has no Bearer token');
  if (!timingSafeEqual(digest(presented), expected)) throw createError('ERR_AUTH_TOKEN_INVALID', 'admin token does not match');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
