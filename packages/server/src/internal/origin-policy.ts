/** Settings of {@link createOriginPolicy}. */
export interface OriginPolicyOptions {
  allowedOrigins: readonly string[];
  dangerouslyAllowAnyOrigin: boolean;
  missingOrigin: 'allow' | 'reject';
}

/**
 * Builds the `Origin` check of the upgrade. Browsers always send `Origin` on
 * a WebSocket upgrade, so the allowlist is what stops another site from
 * opening connections with a user's cookies. Without an allowlist every
 * request that carries an `Origin` is rejected unless any origin is
 * explicitly allowed.
 *
 * @throws {TypeError} naming an allowlist entry that is not an origin such as `https://app.example.com`.
 */
export function createOriginPolicy(options: OriginPolicyOptions): (origin: string | undefined) => boolean {
  const allowed = new Set(options.allowedOrigins.map(normalizeOrigin));
  return (origin) => {
    if (origin === undefined || origin === '') return options.missingOrigin === 'allow';
    if (options.dangerouslyAllowAnyOrigin) return true;
    return allowed.has(normalizeOriginOrEmpty(origin));
  };
}

/**
 * Returns the serialized origin (`scheme://host[:port]`, lower case, default
 * port dropped) of an allowlist entry.
 *
 * @throws {TypeError} when the entry is not an http(s) origin without a path, query or credentials.
 */
export function normalizeOrigin(entry: string): string {
  let url: URL | undefined;
  try {
    url = new URL(entry);
  } catch {
    url = undefined;
  }
  const bare = url !== undefined && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
  if (url === undefined || !bare || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`expected an origin such as https://app.example.com, got ${JSON.stringify(entry.slice(0, 80))}`);
  }
  return url.origin;
}

// Browsers send the serialized origin, but comparing parsed forms also
// accepts upper-case hosts and explicit default ports.
function normalizeOriginOrEmpty(text: string): string {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}
