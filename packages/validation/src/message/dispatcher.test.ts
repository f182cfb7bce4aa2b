import { isProjError } from '@proj/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher } from './dispatcher.js';
import { type MessageOf, defineProtocol } from './protocol.js';

const protocol = defineProtocol({
  echo: z.object({ text: z.string() }),
  whoami: z.object({}),
});

interface Context {
  readonly userId: string;
  readonly sent: string[];
}

describe('createDispatcher', () => {
  const dispatcher = createDispatcher(protocol, {
    echo: (message, context: Context) => context.sent.push(`echo:${message.text}`),
    whoami: (_message, context) => context.sent.push(`user:${context.userId}`),
  });

  it('calls the handler of the message type with its context', () => {
    const context: Context = { userId: 'u1', sent: [] };
    dispatcher.dispatch(protocol.parse('{"type":"echo","text":"hi"}'), context);
    dispatcher.dispatch(protocol.parse('{"type":"whoami"}'), context);
    expect(context.sent).toEqual(['echo:hi', 'user:u1']);
  });

  it('returns what the handler returns', () => {
    const counting = createDispatcher(protocol, { echo: (message) => message.text.length, whoami: () => 0 });
    expect(counting.dispatch({ type: 'echo', text: 'four' })).toBe(4);
  });

  it.each(['error', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'rejects the unvalidated type %j as unknown',
    (type) => {
      const context: Context = { userId: 'u1', sent: [] };
      const message = { type } as unknown as MessageOf<typeof protocol>;
      let code: string | undefined;
      try {
        dispatcher.dispatch(message, context);
      } catch (error) {
        code = isProjError(error) ? error.code : 'not a toolkit error';
      }
      expect(code).toBe('ERR_VALIDATION_UNKNOWN_TYPE');
      expect(context.sent).toEqual([]);
    },
  );

  it('passes a thrown handler error through to the caller', () => {
    const throwing = createDispatcher(protocol, {
      echo: () => {
        throw new RangeError('handler failed');
      },
      whoami: () => undefined,
    });
    expect(() => throwing.dispatch({ type: 'echo', text: '' })).toThrow(RangeError);
  });

  it('passes a rejected handler promise through to the caller', async () => {
    const failing = createDispatcher(protocol, {
      echo: async () => {
        throw new Error('handler failed');
      },
      whoami: async () => undefined,
    });
    await expect(failing.dispatch({ type: 'echo', text: '' })).rejects.toThrow('handler failed');
  });

  it('rejects a missing handler', () => {
    const handlers = { echo: () => undefined } as unknown as Parameters<typeof createDispatcher<MessageOf<typeof protocol>>>[1];
    expect(() => createDispatcher(protocol, handlers)).toThrow(/no handler for message type whoami/);
  });

  it('rejects a handler for a type the protocol lacks', () => {
    const handlers = { echo: () => undefined, whoami: () => undefined, chat: () => undefined };
    expect(() => createDispatcher(protocol, handlers)).toThrow(/handler chat matches no message type/);
  });

  it('ignores handlers inherited from the prototype', () => {
    const handlers = Object.create({ whoami: () => undefined }) as { echo: () => void; whoami: () => void };
    handlers.echo = () => undefined;
    expect(() => createDispatcher(protocol, handlers)).toThrow(/no handler for message type whoami/);
  });
});
