import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The part of a caller's source address that per-address limits count against. An IPv4 address
 * counts whole; an IPv6 address by its /64, the block one subscriber (one home, one host) is
 * given and rotates through at will. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is its IPv4
 * address. Anything that is not an address (the gateway always sends one) counts as given.
 */
export const limitedAddressOf = (sourceIp: string): string => {
  if (isIP(sourceIp) === 0) return sourceIp;
  const address = ipaddr.process(sourceIp);
  if (!(address instanceof ipaddr.IPv6)) return address.toString();
  // The first four 16-bit groups are the /64; the zone of a link-local address is dropped with the rest.
  return `${new ipaddr.IPv6([...address.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
};
