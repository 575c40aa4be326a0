import { describe, expect, it } from 'vitest';
import { identifiersToScreen, normaliseUrl, screeningVerdict, urlKeys, type Identifiers } from '#shared/moderation/domain/screening.ts';

/**
 * Screening's handling of identifiers: URLs match the blocklist whatever their spelling, and a
 * post cannot flood the screening with identifiers.
 */

describe('a URL as the blocklists match it', () => {
  it.each([
    ['upper-case host', 'https://SCAM.Example/Offer', 'scam.example/Offer'],
    ['trailing dot on the host', 'https://scam.example./offer', 'scam.example/offer'],
    ['trailing dots and www.', 'https://www.scam.example../offer/', 'scam.example/offer'],
    ['escaped unreserved characters', 'https://scam.example/%6Fffer%7Eone%2dtwo', 'scam.example/offer~one-two'],
    ['escapes of reserved characters kept, in upper case', 'https://scam.example/a%2fb%3f', 'scam.example/a%2Fb%3F'],
    ['an international domain name', 'https://bücher-schnäppchen.example/x', 'xn--bcher-schnppchen-4nb63b.example/x'],
    ['the same IDN in capitals', 'https://BÜCHER-SCHNÄPPCHEN.EXAMPLE./x', 'xn--bcher-schnppchen-4nb63b.example/x'],
    ['port, query and fragment', 'http://scam.example:8080/offer?id=1#top', 'scam.example/offer'],
  ])('normalises %s', (_name, raw, expected) => {
    // Act + Assess
    expect(normaliseUrl(raw)).toBe(expected);
  });

  it('gives spellings of one URL the same keys, its hosts included', () => {
    // Act
    const keys = ['https://Pay.Scam.Example./%6Fffer', 'https://pay.scam.example/offer'].map(urlKeys);

    // Assess
    expect(keys[0]).toEqual(keys[1]);
    expect(keys[0]).toEqual(['pay.scam.example/offer', 'pay.scam.example', 'scam.example']);
  });

  it('has no key for what is no URL', () => {
    // Act + Assess
    expect(normaliseUrl('not a url')).toBeUndefined();
    expect(urlKeys('https://')).toEqual([]);
  });
});

describe('the identifiers screened per post', () => {
  const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('are all of them up to the cap', () => {
    // Prepare
    const found: Identifiers = { media_hash: many('h', 2), url: many('u', 5), phone: many('p', 3), payment_account: [] };

    // Act
    const { screened, overCap } = identifiersToScreen(found, 10);

    // Assess
    expect(screened).toEqual(found);
    expect(overCap).toBe(false);
  });

  it('beyond the cap, are taken from each kind in turn, so that a flood of URLs leaves room for the phone', () => {
    // Prepare
    const found: Identifiers = { media_hash: [], url: many('u', 500), phone: ['+442079460999'], payment_account: many('a', 3) };

    // Act
    const { screened, overCap } = identifiersToScreen(found, 10);

    // Assess
    expect(overCap).toBe(true);
    expect(screened.phone).toEqual(['+442079460999']);
    expect(screened.payment_account).toEqual(many('a', 3));
    expect(screened.url).toEqual(many('u', 6));
  });

  it('send a post with more than the cap to human review, with its own signal', () => {
    // Act
    const verdict = screeningVerdict({ blocklistHits: [], ruleHits: [], identifiersOverCap: true });

    // Assess
    expect(verdict).toMatchObject({ outcome: 'human_review', signals: ['too-many-identifiers'] });
  });
});
