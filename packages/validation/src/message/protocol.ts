import { type ProjError, isProjError } from '@proj/errors';
import { z } from 'zod';
import { isRequestId } from '../fields/common-fields.js';
import { frameToText } from '../internal/frame-text.js';
import { attachDetails } from '../internal/error-details.js';
import { checkLimits } from '../internal/limits.js';
import { reject } from '../internal/reject.js';
import { parseJsonText } from '../internal/parse-json-text.js';
import { clientIssue, toClientIssues } from './client-issues.js';
import type { MessageLimits, RawMessage } from './raw-message.js';

/** Message schemas by message type; each schema describes the fields besides `type`. */
export type ProtocolShapes = { readonly [type: string]: z.ZodObject };

/** The union of typed messages of a protocol built from {@link ProtocolShapes}. */
export type MessageOfShapes<S extends ProtocolShapes> = {
  [K in keyof S & string]: { readonly type: K } & z.output<S[K]>;
}[keyof S & string];

/** Any message of a protocol: an object with a string `type`. */
export interface ProtocolMessage {
  readonly type: string;
}

/** Every code that parsing a message can throw. */
export type MessageErrorCode =
  | 'ERR_VALIDATION_BINARY_UNSUPPORTED'
  | 'ERR_VALIDATION_INVALID_UTF8'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_VALIDATION_TOO_DEEP'
  | 'ERR_VALIDATION_INVALID_JSON'
  | 'ERR_VALIDATION_FORBIDDEN_KEY'
  | 'ERR_VALIDATION_UNKNOWN_TYPE'
  | 'ERR_VALIDATION_SCHEMA';

/** Outcome of {@link Protocol.safeParse}. */
export type ProtocolParseResult<M> =
  | { readonly success: true; readonly message: M }
  | { readonly success: false; readonly error: ProjError<MessageErrorCode> };

/** Limits a protocol applies to every message; see {@link MessageLimits}. */
export interface ProtocolOptions extends MessageLimits {}

/** A typed message protocol: parsers for raw frames and for already parsed values. */
export interface Protocol<M extends ProtocolMessage> {
  /** The message types, in definition order. */
  readonly types: readonly M['type'][];
  /** The limits in force, with defaults filled in. */
  readonly limits: Readonly<Required<MessageLimits>>;
  /**
   * Parses and validates one frame; pass `isBinary` as `ws` reports it.
   *
   * @throws {ProjError} with a {@link MessageErrorCode}.
   */
  parse(data: RawMessage, isBinary?: boolean): M;
  /** Like {@link Protocol.parse}, but returns the error instead of throwing it. */
  safeParse(data: RawMessage, isBinary?: boolean): ProtocolParseResult<M>;
  /**
   * Validates a value that is already parsed, such as one from `parseJsonMessage`.
   *
   * @throws {ValidationError} `ERR_VALIDATION_SCHEMA` or `ERR_VALIDATION_UNKNOWN_TYPE`.
   */
  validate(value: unknown): M;
}

/** The message union of a protocol: `MessageOf<typeof protocol>`. */
export type MessageOf<P extends Protocol<ProtocolMessage>> = P extends Protocol<infer M> ? M : never;

/**
 * Defines a message protocol as a union discriminated by `type`, from one zod
 * object schema per type. Schemas are compiled once here. Type lookup goes
 * through a `Map`, so client-chosen names such as `__proto__`, `constructor`
 * or `toString` are plain unknown types.
 *
 * @throws {TypeError} when a schema declares its own `type` key or a limit is invalid.
 * @example
 * const protocol = defineProtocol({
 *   echo: z.object({ text: z.string().max(1_000), requestId: requestId().optional() }),
 *   whoami: z.object({ requestId: requestId().optional() }),
 * });
 * const message = protocol.parse(data, isBinary); // { type: 'echo', text, requestId? } | { type: 'whoami', ... }
 */
export function defineProtocol<S extends ProtocolShapes>(shapes: S, options: ProtocolOptions = {}): Protocol<MessageOfShapes<S>> {
  type M = MessageOfShapes<S>;
  const limits = Object.freeze(checkLimits(options));
  const schemas = new Map<string, z.ZodType>();
  for (const type of Object.keys(shapes)) {
    const shape = shapes[type] as z.ZodObject;
    if (Object.hasOwn(shape.shape, 'type')) {
      throw new TypeError(`the schema of message type ${type} must not declare "type"; defineProtocol adds it`);
    }
    schemas.set(type, shape.safeExtend({ type: z.literal(type) }));
  }

  function validate(value: unknown): M {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw attachDetails(reject('ERR_VALIDATION_SCHEMA', 'message is not a JSON object'), {
        issues: [clientIssue([], 'invalid_type')],
      });
    }
    const type: unknown = Object.hasOwn(value, 'type') ? (value as ProtocolMessage).type : undefined;
    if (typeof type !== 'string') {
      throw attachDetails(reject('ERR_VALIDATION_SCHEMA', 'message has no string "type"'), {
        issues: [clientIssue(['type'], 'invalid_type')],
        requestId: requestIdIn(value),
      });
    }
    const schema = schemas.get(type);
    if (schema === undefined) {
      throw attachDetails(reject('ERR_VALIDATION_UNKNOWN_TYPE', 'message type is not part of the protocol'), {
        requestId: requestIdIn(value),
      });
    }
    const result = schema.safeParse(value);
    if (!result.success) {
      throw attachDetails(
        reject('ERR_VALIDATION_SCHEMA', `message of type ${type} failed validation`, { cause: result.error }),
        { issues: toClientIssues(result.error.issues), requestId: requestIdIn(value) },
      );
    }
    return result.data as M;
  }

  function parse(data: RawMessage, isBinary = false): M {
    const text = frameToText(data, isBinary, limits.maxBytes);
    return validate(parseJsonText(text, limits.maxDepth));
  }

  function safeParse(data: RawMessage, isBinary = false): ProtocolParseResult<M> {
    try {
      return { success: true, message: parse(data, isBinary) };
    } catch (error) {
      // Anything else comes from a schema's own code, such as a throwing refinement.
      if (isProjError(error)) return { success: false, error: error as ProjError<MessageErrorCode> };
      throw error;
    }
  }

  return Object.freeze({ types: Object.freeze([...schemas.keys()]) as readonly M['type'][], limits, parse, safeParse, validate });
}

// The request id of a rejected message, kept only when it is well-formed.
function requestIdIn(value: object): string | undefined {
  const candidate: unknown = Object.hasOwn(value, 'requestId') ? (value as { requestId?: unknown }).requestId : undefined;
  return isRequestId(candidate) ? candidate : undefined;
}
