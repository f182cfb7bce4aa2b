import { performance } from 'node:perf_hooks';
import { CloseCode, type ProjError, createError, toProjError } from '@proj/errors';
import { toMessageErrorReply } from '@proj/validation';
import type { LogEvents } from '../log-events.js';
import type { ConnectionRecord } from './connection-record.js';
import { isPromiseLike } from './is-promise-like.js';
import type { ServerMetrics } from './metrics.js';

/** The error boundary every handler call runs in. */
export interface HandlerBoundary {
  /** Calls a handler, sync or async, timing it when `timed` and turning any throw or rejection into {@link HandlerBoundary.fault}. */
  run(record: ConnectionRecord<unknown>, call: () => unknown, timed?: boolean): void;
  /** Calls `onClose`; a throw there is logged, since the connection is already gone. */
  runOnClose(record: ConnectionRecord<unknown>, call: () => unknown): void;
  /**
   * Handles a failure of the connection's handler. An invalid request (close
   * code 4400) gets an error reply and spends one unit of the invalid-message
   * budget. Another client fault closes with its own code, and a server fault
   * closes with 1011. Only this connection is affected.
   */
  fault(record: ConnectionRecord<unknown>, err: unknown): void;
  /** Sends the JSON error reply for an error without closing, with the parser's client-safe issues and request id when it has them. */
  reply(record: ConnectionRecord<unknown>, error: ProjError): void;
}

/** Creates the error boundary of a server. */
export function createHandlerBoundary({ metrics, events, budget }: { metrics: ServerMetrics; events: LogEvents; budget: number }): HandlerBoundary {
  const latency = metrics.handlerDuration;

  const reply = (record: ConnectionRecord<unknown>, error: ProjError): void => {
    record.connection.send(JSON.stringify(toMessageErrorReply(error)));
  };

  const fault = (record: ConnectionRecord<unknown>, err: unknown): void => {
    const error = toProjError(err);
    const { connection } = record;
    events.handlerFailed(connection.log, error);
    if (error.spec.closeCode !== CloseCode.BAD_REQUEST) {
      connection.fail(error);
      return;
    }
    metrics.error(error.code);
    record.invalidMessagesLeft -= 1;
    if (record.invalidMessagesLeft < 0) {
      const exhausted = createError('ERR_VALIDATION_BUDGET_EXCEEDED');
      events.budgetExceeded(connection.log, exhausted, budget);
      connection.fail(exhausted);
      return;
    }
    reply(record, error);
  };

  return {
    reply,
    fault,
    run(record, call, timed = true) {
      const started = timed ? performance.now() : 0;
      let result: unknown;
      try {
        result = call();
      } catch (err) {
        if (timed) latency.observe((performance.now() - started) / 1000);
        fault(record, err);
        return;
      }
      if (!isPromiseLike(result)) {
        if (timed) latency.observe((performance.now() - started) / 1000);
        return;
      }
      result.then(
        () => {
          if (timed) latency.observe((performance.now() - started) / 1000);
        },
        (err: unknown) => {
          if (timed) latency.observe((performance.now() - started) / 1000);
          fault(record, err);
        },
      );
    },
    runOnClose(record, call) {
      try {
        const result = call();
        if (isPromiseLike(result)) result.then(undefined, (err: unknown) => events.handlerFailed(record.connection.log, toProjError(err)));
      } catch (err) {
        events.handlerFailed(record.connection.log, toProjError(err));
      }
    },
  };
}
