import { createError } from '@proj/errors';
import { TOKEN_SUBPROTOCOL_PREFIX, parseSubprotocols } from './subprotocol.js';

/** The place a token was read from. */
export type CredentialSource = 'authorization-header' | 'subprotocol' | 'query' | 'first-message';

/** A token and where it came from. */
export interface Credential {
  readonly token: string;
  readonly source: CredentialSource;
}

/** The parts of an HTTP upgrade request that can carry a token, as in `IncomingMessage`. */
export interface UpgradeRequestLike {
  readonly url?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** Options for {@link readUpgradeCredential}. */
export interface UpgradeCredentialOptions {
  /**
   * Accepts `?access_token=` in the URL. Off by default because URLs end up
   * in proxy logs, browser history and `Referer` headers.
   */
  dangerouslyAllowQueryToken?: boolean;
}

/** Name of the query parameter read when query tokens are allowed (RFC 6750 section 2.3). */
export const QUERY_TOKEN_PARAMETER = 'access_token';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * Reads the token of an upgrade request from `Authorization: Bearer`, from a
 * `proj.token.<jwt>` subprotocol entry, or, when allowed, from the query
 * string. Returns undefined when the request carries none, so the client
 * may authenticate with its first message instead.
 *
 * @throws {AuthenticationError} `ERR_AUTH_TOKEN_MALFORMED` for an `Authorization`
 * header that is not `Bearer <token>`, more than one credential (RFC 6750
 * section 2 allows one method per request), or a query token when not allowed.
 * @example
 * const credential = readUpgradeCredential(request);
 * if (credential) await verifier.verify(credential.token);
 */
export function readUpgradeCredential(request: UpgradeRequestLike, options: UpgradeCredentialOptions = {}): Credential | undefined {
  const found: Credential[] = [];

  const authorization = singleHeader(request.headers['authorization']);
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'Authorization header is not Bearer <token>');
    found.push({ token: match[1], source: 'authorization-header' });
  }

  const entries = parseSubprotocols(singleHeader(request.headers['sec-websocket-protocol']));
  for (const entry of entries) {
    if (entry.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) found.push({ token: entry.slice(TOKEN_SUBPROTOCOL_PREFIX.length), source: 'subprotocol' });
  }

  const queryTokens = readQueryTokens(request.url);
  if (queryTokens.length > 0) {
    if (options.dangerouslyAllowQueryToken !== true) {
      throw createError('ERR_AUTH_TOKEN_MALFORMED', `a token in the query string is not accepted (${QUERY_TOKEN_PARAMETER})`);
    }
    for (const token of queryTokens) found.push({ token, source: 'query' });
  }

  if (found.length > 1) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'more than one credential in the upgrade request');
  const credential = found[0];
  if (credential !== undefined && credential.token.length === 0) throw createError('ERR_AUTH_TOKEN_MISSING', `empty token in ${credential.source}`);
  return credential;
}

// Node joins repeated headers with ", " except for a few; a list here means a forged duplicate.
function singleHeader(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) throw createError('ERR_AUTH_TOKEN_MALFORMED', 'repeated credential header');
  return value;
}

function readQueryTokens(url: string | undefined): string[] {
  const query = url?.indexOf('?') ?? -1;
  if (url === undefined || query === -1) return [];
  return new URLSearchParams(url.slice(query + 1)).getAll(QUERY_TOKEN_PARAMETER);
}
