import { readFileSync } from 'node:fs';
import { createLogger, flushLogger } from '@proj/logger';
import { createServer, installProcessHooks } from '@proj/server';
import { type SecureConfig, loadSecureConfig } from './config.js';
import { queueLimitOf } from './message-queue.js';
import { createSecureAuth } from './secure-auth.js';

const SERVICE = 'secure-server';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

let config: SecureConfig;
try {
  config = loadSecureConfig(process.env);
} catch (err) {
  // Configuration errors name variables and expectations, never their values.
  process.stderr.write(`${SERVICE}: refusing to start: ${err instanceof Error ? err.message : 'invalid configuration'}\n`);
  process.exit(1);
}

const logger = createLogger({ service: SERVICE, version, level: config.logLevel, errorLogFile: config.errorLogFile });
const { secretSource } = config.auth;
if (secretSource.kind === 'dev-file') {
  logger.warn(
    { secretFile: secretSource.file, created: secretSource.created },
    'JWT_SECRET is not set, so a development secret is in use; mint a token with: pnpm run token --sub alice --ttl 15m',
  );
}

let auth;
try {
  auth = createSecureAuth(config.auth, logger, queueLimitOf(config.server));
} catch (err) {
  process.stderr.write(`${SERVICE}: refusing to start: ${err instanceof Error ? err.message : 'invalid configuration'}\n`);
  process.exit(1);
}

const service = createServer(
  {
    ...config.server,
    requireAuthentication: true,
    subprotocols: auth.subprotocols,
  },
  {
    logger,
    handler: auth.handler,
    authenticateUpgrade: auth.authenticateUpgrade,
    selectProtocol: auth.selectProtocol,
  },
);
// SIGTERM and SIGINT also close the admin endpoint and the session timers
// while the WebSocket server drains. Only `close` of this copy is ever called.
const closeAll = async (): Promise<void> => {
  await Promise.all([auth.stop(), service.close()]);
};
installProcessHooks({ service: { ...service, close: closeAll }, logger });
try {
  await service.listen();
  await auth.start();
} catch (err) {
  logger.fatal({ err }, 'listen failed');
  flushLogger(logger);
  process.exit(1);
}
