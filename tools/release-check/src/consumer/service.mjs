// A WebSocket service built only from the published @proj packages, as another
// team would write it. The first message must be an HS256 token; after that,
// every message is echoed back for the authenticated user.
import { createHmacKey, createKeySet, createTokenVerifier, createVerificationKey } from '@proj/auth';
import { createError } from '@proj/errors';
import { createLogger } from '@proj/logger';
import { createServer, installProcessHooks } from '@proj/server';
import { loadConfig, port, z } from '@proj/validation';

const config = loadConfig(
  z.object({
    PORT: port().default(0),
    JWT_SECRET: z.string().min(32),
  }),
  process.env,
);

const logger = createLogger({ service: 'consumer-check', level: 'info', errorLogFile: false });
const verifier = createTokenVerifier({
  keys: createKeySet([createVerificationKey({ key: createHmacKey(config.JWT_SECRET), algorithms: ['HS256'] })]),
  algorithms: ['HS256'],
});

const service = createServer(
  { host: '127.0.0.1', port: config.PORT },
  {
    logger,
    handler: {
      async onMessage(connection, text) {
        if (connection.session !== undefined) {
          connection.send(`echo for ${connection.session.userId}: ${text}`);
          return;
        }
        // A rejected token throws; the server turns the error into its close code.
        const verified = await verifier.verify(text);
        connection.session = { userId: verified.userId };
        connection.send(`welcome ${verified.userId}`);
      },
    },
  },
);

if (createError('ERR_AUTH_TOKEN_INVALID').spec.closeCode !== 4401) {
  throw new Error('@proj/errors maps ERR_AUTH_TOKEN_INVALID to an unexpected close code');
}
installProcessHooks({ service, logger });
await service.listen();
