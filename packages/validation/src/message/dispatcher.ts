import { createError } from '@proj/errors';
import type { Protocol, ProtocolMessage } from './protocol.js';

/** One handler per message type; each receives the message narrowed to its type. */
export type MessageHandlers<M extends ProtocolMessage, C = void, R = void> = {
  readonly [K in M['type']]: (message: Extract<M, { readonly type: K }>, context: C) => R;
};

/** Routes validated messages to their handlers. */
export interface Dispatcher<M extends ProtocolMessage, C = void, R = void> {
  /**
   * Calls the handler of `message.type` and returns what it returns.
   *
   * @throws {ValidationError} `ERR_VALIDATION_UNKNOWN_TYPE` for a type the protocol lacks,
   * which only happens for a message that did not come from the protocol's parser.
   */
  dispatch(message: M, context: C): R;
}

/**
 * Creates a dispatcher for a protocol. Handlers are copied into a `Map` once,
 * so a client-chosen type never reaches an object lookup or an event emitter.
 * Handler results, thrown errors and rejected promises pass through unchanged.
 *
 * @throws {TypeError} when a type has no handler or a handler names no type of the protocol.
 * @example
 * const dispatcher = createDispatcher(protocol, {
 *   echo: (message, connection: Connection) => connection.send(message.text),
 *   whoami: (_message, connection) => connection.send(connection.session.userId),
 * });
 * dispatcher.dispatch(protocol.parse(text), connection);
 */
export function createDispatcher<M extends ProtocolMessage, C = void, R = void>(
  protocol: Protocol<M>,
  handlers: MessageHandlers<M, C, R>,
): Dispatcher<M, C, R> {
  type AnyHandler = (message: M, context: C) => R;
  const byType = new Map<string, AnyHandler>();
  for (const type of protocol.types) {
    const handler: unknown = Object.hasOwn(handlers, type) ? handlers[type as M['type']] : undefined;
    if (typeof handler !== 'function') throw new TypeError(`no handler for message type ${type}`);
    byType.set(type, handler as AnyHandler);
  }
  for (const name of Object.keys(handlers)) {
    if (!byType.has(name)) throw new TypeError(`handler ${name} matches no message type of the protocol`);
  }

  return Object.freeze({
    dispatch(message: M, context: C): R {
      const handler = byType.get(message.type);
      if (handler === undefined) {
        throw createError('ERR_VALIDATION_UNKNOWN_TYPE', 'message type is not part of the protocol');
      }
      return handler(message, context);
    },
  });
}
