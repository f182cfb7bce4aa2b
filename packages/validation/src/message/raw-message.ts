/**
 * A WebSocket message as `ws` 8 delivers it (`Buffer`, `ArrayBuffer` or an
 * array of fragments, by `binaryType`), or text that was already decoded.
 */
export type RawMessage = string | Uint8Array | ArrayBuffer | readonly Uint8Array[];

/** Bounds applied to every message before its JSON is parsed. */
export interface MessageLimits {
  /** Largest accepted message in bytes of UTF-8; 65,536 (64 KiB) by default. */
  maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays; 32 by default. `{}` has depth 1. */
  maxDepth?: number;
}

/** Default of {@link MessageLimits.maxBytes}: 64 KiB, the server's default `MAX_PAYLOAD`. */
export const DEFAULT_MAX_MESSAGE_BYTES = 65_536;

/** Default of {@link MessageLimits.maxDepth}. */
export const DEFAULT_MAX_MESSAGE_DEPTH = 32;
