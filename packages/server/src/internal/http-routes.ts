import type { IncomingMessage, ServerResponse } from 'node:http';
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
        () => json(res, 500, { code: 'ERR_INTERNAL', message: 'Internal error' }),
      );
    } else if (context.servesUpgrades && path !== '/metrics') {
      res.writeHead(426, { upgrade: 'websocket', connection: 'Upgrade', 'content-type': 'text/plain' }).end('Upgrade Required');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    }
  };
}
