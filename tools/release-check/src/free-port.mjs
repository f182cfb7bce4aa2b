// Prints a TCP port that is free on 127.0.0.1 right now. Another process could
// take it before the caller binds it, so callers fail loudly on EADDRINUSE.
import { createServer } from 'node:net';

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  server.close(() => console.log(address.port));
});
