import { WebSocketServer } from 'ws';

// Baseline: the smallest `ws` echo server with the apps' reply, and nothing
// else (no logging, limits, heartbeat or metrics), so the apps' overhead is
// measured against it.

const port = Number(process.env['PORT'] ?? '0');
const server = new WebSocketServer({ host: '127.0.0.1', port });

server.on('connection', (socket) => {
  socket.on('error', () => socket.terminate());
  socket.on('message', (data) => {
    socket.send(`Server received: ${String(data)}`);
  });
});

// Exit through process.exit so `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
