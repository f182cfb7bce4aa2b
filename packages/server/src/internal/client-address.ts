import type { IncomingMessage } from 'node:http';
import { isIPv4 } from 'node:net';
import proxyAddr from 'proxy-addr';

/** Resolves the client address of a request. */
export type ClientAddressResolver = (request: IncomingMessage) => string;

/**
 * Builds a resolver that reads `X-Forwarded-For` only when the hop that sent
 * it is a trusted proxy, walking the header from the right as proxy-addr does.
 * Without trusted proxies the socket's address is used and the header ignored.
 *
 * @throws {TypeError} when an entry is not an address, a CIDR range or a proxy-addr name.
 */
export function createClientAddressResolver(trustedProxies: readonly string[]): ClientAddressResolver {
  if (trustedProxies.length === 0) {
    return (request) => normalizeAddress(request.socket.remoteAddress ?? '');
  }
  const trust = proxyAddr.compile([...trustedProxies]);
  // proxy-addr returns undefined, despite its types, when the socket has no peer address.
  return (request) => normalizeAddress((proxyAddr(request, trust) as string | undefined) ?? '');
}

/** Turns an IPv4-mapped IPv6 address such as `::ffff:127.0.0.1` into plain IPv4. */
export function normalizeAddress(address: string): string {
  if (address.startsWith('::ffff:')) {
    const tail = address.slice(7);
    if (isIPv4(tail)) return tail;
  }
  return address;
}
