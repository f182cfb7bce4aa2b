/**
 * The subprotocol a browser offers next to its token entry. Browsers cannot
 * set `Authorization`, so they send `new WebSocket(url, [APP_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token])`
 * and the server selects `APP_SUBPROTOCOL`, never the token entry.
 */
export const APP_SUBPROTOCOL = 'proj.v1';

/** Prefix of the `Sec-WebSocket-Protocol` entry that carries a token. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'proj.token.';

/**
 * Splits a `Sec-WebSocket-Protocol` header value into its entries.
 *
 * @example
 * parseSubprotocols('proj.v1, proj.token.eyJ...'); // ['proj.v1', 'proj.token.eyJ...']
 */
export function parseSubprotocols(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/**
 * Chooses the subprotocol to select from the offered ones: the first offered
 * entry that is on `supported` and does not carry a token. Pass the result
 * to ws's `handleProtocols`; undefined means select none.
 *
 * @example
 * selectSubprotocol(new Set(['proj.token.eyJ...', 'proj.v1'])); // 'proj.v1'
 */
export function selectSubprotocol(offered: Iterable<string>, supported: readonly string[] = [APP_SUBPROTOCOL]): string | undefined {
  for (const entry of offered) {
    if (!entry.startsWith(TOKEN_SUBPROTOCOL_PREFIX) && supported.includes(entry)) return entry;
  }
  return undefined;
}
