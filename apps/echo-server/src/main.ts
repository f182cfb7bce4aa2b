import { readFileSync } from 'node:fs';
import { createLogger } from '@proj/logger';
import { createServer, installProcessHooks } from '@proj/server';
import { loadEchoConfig } from './config.js';
import { echoHandler } from './handler.js';

const SERVICE = 'echo-server';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

let config;
try {
  config = loadEchoConfig(process.env);
} catch (err) {
  process.stderr.write(`${SERVICE}: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

const logger = createLogger({ service: SERVICE, version, level: config.LOG_LEVEL, errorLogFile: config.ERROR_LOG_FILE });
const service = createServer(
  {
    host: config.HOST,
    port: config.PORT,
    maxPayloadBytes: config.MAX_PAYLOAD,
    heartbeatIntervalMs: config.HEARTBEAT_INTERVAL,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT,
  },
  { logger, handler: echoHandler },
);
installProcessHooks({ service, logger });
try {
  await service.listen();
} catch (err) {
  logger.fatal({ err }, 'listen failed');
  logger.flush();
  process.exit(1);
}
