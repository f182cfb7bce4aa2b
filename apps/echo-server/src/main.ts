import { readFileSync } from 'node:fs';
import { createLogger, flushLogger } from '@proj/logger';
import { createServer, installProcessHooks } from '@proj/server';
import { type EchoConfig, loadEchoConfig } from './config.js';
import { echoHandler } from './handler.js';

const SERVICE = 'echo-server';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

let config: EchoConfig;
try {
  config = loadEchoConfig(process.env);
} catch (err) {
  // Configuration errors name variables and expectations, never their values.
  process.stderr.write(`${SERVICE}: refusing to start: ${err instanceof Error ? err.message : 'invalid configuration'}\n`);
  process.exit(1);
}

const logger = createLogger({ service: SERVICE, version, level: config.logLevel, errorLogFile: config.errorLogFile });
let service;
try {
  service = createServer(config.server, { logger, handler: echoHandler });
} catch (err) {
  logger.fatal({ err }, 'invalid server options');
  flushLogger(logger);
  process.exit(1);
}
installProcessHooks({ service, logger });
try {
  await service.listen();
} catch (err) {
  logger.fatal({ err }, 'listen failed');
  flushLogger(logger);
  process.exit(1);
}
