import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localPseudonymizer } from '#shared/crypto/pseudonym.ts';
import { newId } from '#shared/ids.ts';
import { FollowUpTokenSchema } from '#shared/moderation/http/schemas/notices.ts';
import { anonymousAppellantOf, followUpTokenMatches, followUpTokenOf } from '#shared/moderation/domain/follow-up.ts';

const key = randomBytes(32);

describe('follow-up tokens of notices filed without an account', () => {
  it('are 160 bits in base64url, the same for a notice every time, and another for every other notice or key', async () => {
    // Prepare
    const pseudonyms = localPseudonymizer(key);
    const ids = Array.from({ length: 100 }, () => newId('ntc'));

    // Act
    const tokens = await Promise.all(ids.map((id) => followUpTokenOf(pseudonyms, id)));
    const again = await Promise.all(ids.map((id) => followUpTokenOf(localPseudonymizer(key), id)));
    const otherKey = await followUpTokenOf(localPseudonymizer(randomBytes(32)), ids[0]!);

    // Assess
    expect(new Set(tokens).size).toBe(100);
    expect(again).toEqual(tokens);
    expect(otherKey).not.toBe(tokens[0]);
    for (const token of tokens) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(20);
      expect(FollowUpTokenSchema.safeParse(token).success).toBe(true);
    }
    // Not a pseudonym of any other purpose: the token is no reporter key or address key of the notice id.
    expect(await pseudonyms.pseudonym('notifier-email', ids[0]!)).not.toBe(tokens[0]);
  });

  it("match their own notice only, and never a missing, damaged or another notice's token", async () => {
    // Prepare
    const pseudonyms = localPseudonymizer(key);
    const id = newId('ntc');
    const other = newId('ntc');
    const token = await followUpTokenOf(pseudonyms, id);

    // Act
    const results = {
      own: await followUpTokenMatches(pseudonyms, id, token),
      otherNotice: await followUpTokenMatches(pseudonyms, id, await followUpTokenOf(pseudonyms, other)),
      oneCharacterOff: await followUpTokenMatches(pseudonyms, id, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
      missing: await followUpTokenMatches(pseudonyms, id, undefined),
      truncated: await followUpTokenMatches(pseudonyms, id, token.slice(0, 20)),
      otherKey: await followUpTokenMatches(localPseudonymizer(randomBytes(32)), id, token),
    };

    // Assess
    expect(results).toEqual({ own: true, otherNotice: false, oneCharacterOff: false, missing: false, truncated: false, otherKey: false });
  });

  it('make the notice, not its contact email, the appellant', () => {
    // Act
    const id = newId('ntc');

    // Assess
    expect(anonymousAppellantOf(id)).toBe(`notice:${id}`);
  });
});
