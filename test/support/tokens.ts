import { inject } from 'vitest';
import type { Role } from '#infra/manifest.ts';
import { issueMachineToken, issueToken, type MachineClientName } from '#infra/local/identity.ts';
import { loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';

// Read and imported once per test file, not once per token.
let signingKeys: ReturnType<typeof loadSigningKeys> | undefined;
const keys = () => (signingKeys ??= loadSigningKeys(localPaths(inject('localStack').root).signingKey));

/** Bearer tokens signed by the test stack's own local identity provider. */
export const tokenFor = async (sub: string, role: Role = 'user', expiresInSeconds = 600) =>
  issueToken(await keys(), { sub, role, expiresInSeconds });

/** A machine client's token (client credentials): its client id as subject, its scopes, no user or groups. */
export const machineTokenFor = async (client: MachineClientName, expiresInSeconds = 600) =>
  issueMachineToken(await keys(), { client, expiresInSeconds });
