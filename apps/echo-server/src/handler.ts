import type { ConnectionHandler } from '@proj/server';

/** The reply prefix clients depend on, byte for byte. */
export const REPLY_PREFIX = 'Server received: ';

/** Replies to every text message with `Server received: <message>`. */
export const echoHandler: ConnectionHandler = {
  onMessage(connection, text) {
    // Joined, not concatenated: `+` builds a rope, and Buffer.byteLength, which send and then ws
    // call on the reply, is much slower on a rope (the `send` micro-benchmarks in BENCHMARKS.md).
    connection.send([REPLY_PREFIX, text].join(''));
  },
};
