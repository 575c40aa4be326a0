import { describe, expect, it } from 'vitest';
import { FollowUpTokenSchema } from '#shared/moderation/schemas.ts';
import { followUpTokenHash, followUpTokenMatches, newFollowUpToken } from '#shared/moderation/follow-up.ts';

describe('follow-up tokens of notices filed without an account', () => {
  it('are 32 random bytes in base64url, each new, in the shape the API accepts', () => {
    // Act
    const tokens = Array.from({ length: 100 }, newFollowUpToken);

    // Assess
    expect(new Set(tokens).size).toBe(100);
    for (const token of tokens) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(FollowUpTokenSchema.safeParse(token).success).toBe(true);
    }
  });

  it('match their own digest only, and never a missing or damaged one', () => {
    // Prepare
    const token = newFollowUpToken();
    const stored = followUpTokenHash(token);

    // Act
    const results = {
      own: followUpTokenMatches(token, stored),
      other: followUpTokenMatches(newFollowUpToken(), stored),
      oneCharacterOff: followUpTokenMatches(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, stored),
      noDigest: followUpTokenMatches(token, undefined),
      truncatedDigest: followUpTokenMatches(token, stored.slice(0, 20)),
      digestAsToken: followUpTokenMatches(stored, stored),
    };

    // Assess
    expect(stored).not.toContain(token);
    expect(results).toEqual({ own: true, other: false, oneCharacterOff: false, noDigest: false, truncatedDigest: false, digestAsToken: false });
  });
});
