import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ProjError, createError, publicMessageOf } from '@proj/errors';
import type { Registry } from 'prom-client';

/** Server state and settings the plain-HTTP routes read. */
export interface HttpRoutesContext {
  isReady(): boolean;
  registry: Registry;
  /** Whether this listener serves `/metrics`. */
  servesMetrics: boolean;
  /** Whether this listener also serves WebSocket upgrades, which makes unknown paths 426 rather than 404. */
  servesUpgrades: boolean;
}

/**
 * Builds the `request` listener: `GET /healthz` (alive), `GET /readyz`
 * (503 while starting or draining) and `GET /metrics`. Any other plain
 * request gets 426 on the WebSocket listener and 404 elsewhere.
 */
export function createHttpRoutes(context: HttpRoutesContext): (req: IncomingMessage, res: ServerResponse) => void {
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  // The status and `{ code, message }` body that toHttpResponse writes for a rejected upgrade.
  const fail = (res: ServerResponse, error: ProjError): void => {
    // RFC 9110 requires a 426 to name the protocol to upgrade to.
    if (error.spec.httpStatus === 426) res.setHeader('upgrade', 'websocket').setHeader('connection', 'Upgrade');
    json(res, error.spec.httpStatus, { code: error.code, message: publicMessageOf(error) });
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    if (isGet && path === '/healthz') {
      json(res, 200, { status: 'ok' });
    } else if (isGet && path === '/readyz') {
      const ready = context.isReady();
      json(res, ready ? 200 : 503, { ready });
    } else if (isGet && path === '/metrics' && context.servesMetrics) {
      context.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': context.registry.contentType }).end(text),
        (err: unknown) => fail(res, createError('ERR_INTERNAL', 'metrics collection failed', { cause: err })),
      );
    } else if (context.servesUpgrades && path !== '/metrics') {
      fail(res, createError('ERR_PROTOCOL_UPGRADE_REQUIRED'));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    }
  };
}
