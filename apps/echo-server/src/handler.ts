import type { ConnectionHandler } from '@proj/server';

/** The reply prefix clients depend on, byte for byte. */
export const REPLY_PREFIX = 'Server received: ';

/** Replies to every text message with `Server received: <message>`. */
export const echoHandler: ConnectionHandler = {
  onMessage(connection, text) {
    connection.send(REPLY_PREFIX + text);
  },
};
