import { inject } from 'vitest';
import type { Role } from '#infra/resources.ts';
import { issueToken } from '#infra/local/identity.ts';
import { loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';

// Read and imported once per test file, not once per token.
let signingKeys: ReturnType<typeof loadSigningKeys> | undefined;

/** Bearer tokens signed by the test stack's own local identity provider. */
export const tokenFor = async (sub: string, role: Role = 'user', expiresInSeconds = 600) => {
  signingKeys ??= loadSigningKeys(localPaths(inject('localStack').root).signingKey);
  return issueToken(await signingKeys, { sub, role, expiresInSeconds });
};
