export { loadConfig } from './config/load-config.js';
export { ConfigProblems, createConfigError } from './config/config-problems.js';
export type { Env } from './config/load-config.js';
export { integer, port } from './config/integer.js';
export type { IntegerOptions } from './config/integer.js';
export { bytes, duration } from './config/units.js';
export type { RangeOptions } from './config/units.js';
export { boolean, list } from './config/text.js';
export type { ListOptions } from './config/text.js';
export { existingDirectory, existingFile } from './config/file-path.js';
export { url } from './config/url.js';
export type { UrlOptions } from './config/url.js';
export { Secret, secret } from './config/secret.js';
export type { SecretOptions } from './config/secret.js';
export { channelName, email, isRequestId, requestId, userId } from './fields/common-fields.js';
export {
  MAX_CHANNEL_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_REQUEST_ID_LENGTH,
  MAX_USER_ID_LENGTH,
} from './fields/common-fields.js';
export { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_DEPTH } from './message/raw-message.js';
export type { MessageLimits, RawMessage } from './message/raw-message.js';
export { parseJsonMessage } from './message/parse-json-message.js';
export type { ParseJsonMessageOptions } from './message/parse-json-message.js';
export { defineProtocol } from './message/protocol.js';
export type {
  MessageErrorCode,
  MessageOf,
  MessageOfShapes,
  Protocol,
  ProtocolMessage,
  ProtocolOptions,
  ProtocolParseResult,
  ProtocolShapes,
} from './message/protocol.js';
export { createDispatcher } from './message/dispatcher.js';
export type { Dispatcher, MessageHandlers } from './message/dispatcher.js';
export {
  MAX_CLIENT_ISSUES,
  MAX_ISSUE_PATH_SEGMENTS,
  MAX_ISSUE_PATH_SEGMENT_LENGTH,
  clientIssue,
  toClientIssues,
} from './message/client-issues.js';
export type { ClientIssue } from './message/client-issues.js';
export { detailsOf, toMessageErrorReply } from './message/error-reply.js';
export type { MessageErrorDetails, MessageErrorReply } from './message/error-reply.js';
export { z } from 'zod';
