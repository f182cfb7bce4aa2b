import { BlockList, SocketAddress, isIP } from 'node:net';

/** Decides whether a client address may connect, from CIDR allow and deny lists. */
export interface AddressRules {
  isAllowed(address: string): boolean;
}

/**
 * Compiles allow and deny lists of addresses and CIDR ranges into Node's
 * `net.BlockList`. The deny list wins; an empty allow list allows everyone
 * not denied. An address that cannot be parsed is never allowed.
 *
 * @throws {TypeError} naming the entry that is not an address or CIDR range.
 */
export function compileAddressRules(allowed: readonly string[], denied: readonly string[]): AddressRules {
  const allowList = allowed.length === 0 ? undefined : toBlockList(allowed);
  const denyList = denied.length === 0 ? undefined : toBlockList(denied);
  return {
    isAllowed(address) {
      const family = familyOf(address);
      if (family === undefined) return false;
      if (allowList === undefined && denyList === undefined) return true;
      // BlockList.check builds a SocketAddress from a string on every call, so one is built here for both lists.
      const socketAddress = new SocketAddress({ address, family });
      if (denyList?.check(socketAddress)) return false;
      return allowList === undefined || allowList.check(socketAddress);
    },
  };
}

/**
 * Tells whether an entry is an address or a CIDR range that
 * {@link compileAddressRules} accepts.
 */
export function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = familyOf(address);
  if (family === undefined || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 'ipv4' ? 32 : 128);
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  if (version === 4) return 'ipv4';
  if (version === 6) return 'ipv6';
  return undefined;
}

function toBlockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) throw new TypeError(`expected an IP address or CIDR range, got ${JSON.stringify(entry.slice(0, 60))}`);
    const [address = '', prefix] = entry.split('/');
    const family = familyOf(address) ?? 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}
