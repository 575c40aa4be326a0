/**
 * `npm run token -- --sub <id> --role <role>`: prints a bearer token for the local stack, and
 * nothing else, so that `TOKEN=$(npm run -s token -- ...)` works.
 * `npm run token -- --client <name>`: a machine client's token instead, shaped like Cognito's
 * client-credentials access token (the client's scopes, no user).
 */
import { parseArgs } from 'node:util';
import { roles, type Role } from '#infra/manifest.ts';
import { issueMachineToken, issueToken, machineClientNames, type MachineClientName } from '#infra/local/identity.ts';
import { ensureLocalSigningKey, loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';

const usage = [
  `usage: npm run token -- --sub <id> [--role <${roles.join('|')}>] [--ttl <seconds>]`,
  `       npm run token -- --client <${machineClientNames.join('|')}> [--ttl <seconds>]`,
].join('\n');

const fail = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        sub: { type: 'string' },
        role: { type: 'string' },
        client: { type: 'string' },
        ttl: { type: 'string', default: '3600' },
      },
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) fail('--ttl must be a whole number of seconds from 1 to 86400');

let issue: (keys: Awaited<ReturnType<typeof loadSigningKeys>>) => Promise<string>;
if (values.client !== undefined) {
  // A machine client is not a user: a token cannot be both.
  if (values.sub !== undefined || values.role !== undefined) fail('--client cannot be combined with --sub or --role');
  if (!(machineClientNames as string[]).includes(values.client)) {
    fail(`--client must be one of ${machineClientNames.join(', ')}`);
  }
  const client = values.client as MachineClientName;
  issue = (keys) => issueMachineToken(keys, { client, expiresInSeconds: ttl });
} else {
  const sub = values.sub ?? '';
  const role = values.role ?? 'user';
  if (!/^[\w.@:-]{1,128}$/.test(sub)) fail('--sub (or --client) is required: 1 to 128 letters, digits or . _ @ : -');
  if (!(roles as readonly string[]).includes(role)) fail(`--role must be one of ${roles.join(', ')}`);
  issue = (keys) => issueToken(keys, { sub, role: role as Role, expiresInSeconds: ttl });
}

// The same `.local/` as `npm start` (LOCAL_STACK_ROOT moves it, as for start and job).
const paths = localPaths(process.env.LOCAL_STACK_ROOT || undefined);
await ensureLocalSigningKey(paths.signingKey);
process.stdout.write(`${await issue(await loadSigningKeys(paths.signingKey))}\n`);
