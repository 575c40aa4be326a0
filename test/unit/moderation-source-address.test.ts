import { describe, expect, it } from 'vitest';
import { limitedAddressOf } from '#shared/moderation/domain/source-address.ts';

describe('the source address that per-address limits count against', () => {
  it.each([
    ['an IPv4 address, whole', '203.0.113.7', '203.0.113.7'],
    ['another IPv4 address of the same /24, on its own', '203.0.113.8', '203.0.113.8'],
    ['an IPv4-mapped IPv6 address, as its IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address in hex and capitals, as its IPv4 address', '::FFFF:CB00:7107', '203.0.113.7'],
    ['the IPv6 loopback, by its /64', '::1', '::/64'],
    ['a full IPv6 address, by its /64', '2001:0db8:85a3:08d3:1319:8a2e:0370:7348', '2001:db8:85a3:8d3::/64'],
    ['a compressed IPv6 address, by its /64', '2001:db8:85a3:8d3::1', '2001:db8:85a3:8d3::/64'],
    ['an IPv6 address in capitals, by its /64', '2001:DB8:85A3:8D3:FFFF:FFFF:FFFF:FFFF', '2001:db8:85a3:8d3::/64'],
    ['an IPv6 address compressed in its prefix, by its /64', '2001:db8::8d3:0:0:1', '2001:db8::/64'],
    ['a link-local IPv6 address with a zone, by its /64 without the zone', 'fe80::1%eth0', 'fe80::/64'],
    ['an IPv6 address with an embedded IPv4 address that is not mapped, by its /64', '64:ff9b::192.0.2.33', '64:ff9b::/64'],
    ['an IPv6 address whose /64 is all ones, by its /64', 'ffff:ffff:ffff:ffff::1', 'ffff:ffff:ffff:ffff::/64'],
    ['what is not an address, as given', 'unknown', 'unknown'],
  ])('counts %s', (_case, sourceIp, expected) => {
    // Act
    const counted = limitedAddressOf(sourceIp);

    // Assess
    expect(counted).toBe(expected);
  });

  it('counts every address of one IPv6 /64 as one, and the next /64 apart', () => {
    // Prepare
    const sameSubnet = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0db8:0001:0002:abcd:0000:0000:0001', '2001:db8:1:2:dead:beef::'];

    // Act
    const counted = new Set(sameSubnet.map(limitedAddressOf));
    const next = limitedAddressOf('2001:db8:1:3::1');

    // Assess
    expect([...counted]).toEqual(['2001:db8:1:2::/64']);
    expect(next).toBe('2001:db8:1:3::/64');
  });
});
