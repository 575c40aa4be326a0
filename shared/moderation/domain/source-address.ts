import { isIP } from 'node:net';

/**
 * The part of a caller's source address that per-address limits count against. An IPv4 address
 * counts whole; an IPv6 address by its /64, the block one subscriber (one home, one host) is
 * given and rotates through at will. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is its IPv4
 * address. Anything that is not an address (the gateway always sends one) counts as given.
 */
export const limitedAddressOf = (sourceIp: string): string => {
  if (isIP(sourceIp) !== 6) return sourceIp;
  // The zone of a link-local address (`fe80::1%eth0`) is dropped with the rest of the /64.
  const groups = ipv6Groups(sourceIp.replace(/%.*$/, ''));
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${canonicalIpv6(`${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::`)}/64`;
};

/**
 * An IPv6 address in its canonical text (RFC 5952: lower case, no leading zeros, the longest run
 * of zero groups as `::`), as the WHATWG URL parser built into Node writes a host. It also turns
 * an embedded IPv4 address (`::ffff:1.2.3.4`) into two hex groups.
 */
const canonicalIpv6 = (address: string): string => new URL(`http://[${address}]/`).hostname.slice(1, -1);

/** The eight 16-bit groups of an IPv6 address (one `isIP` accepts, without a zone). */
const ipv6Groups = (address: string): number[] => {
  const [head = '', tail] = canonicalIpv6(address).split('::');
  const parts = (text: string) => (text === '' ? [] : text.split(':').map((group) => Number.parseInt(group, 16)));
  const before = parts(head);
  const after = tail === undefined ? [] : parts(tail);
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
};
