/**
 * `npm run token -- --sub <id> --role <role>`: prints a bearer token for the local stack, and
 * nothing else, so that `TOKEN=$(npm run -s token -- ...)` works.
 */
import { parseArgs } from 'node:util';
import { roles, type Role } from '#infra/resources.ts';
import { issueToken } from '#infra/local/identity.ts';
import { ensureLocalSigningKey, loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';

const usage = `usage: npm run token -- --sub <id> --role <${roles.join('|')}> [--ttl <seconds>]`;

const { values } = (() => {
  try {
    return parseArgs({
      options: { sub: { type: 'string' }, role: { type: 'string', default: 'user' }, ttl: { type: 'string', default: '3600' } },
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
})();

const ttl = Number(values.ttl);
if (!values.sub || !/^[\w.@:-]{1,128}$/.test(values.sub)) {
  console.error(`--sub is required: 1 to 128 letters, digits or . _ @ : -\n${usage}`);
  process.exit(2);
}
if (!(roles as readonly string[]).includes(values.role)) {
  console.error(`--role must be one of ${roles.join(', ')}\n${usage}`);
  process.exit(2);
}
if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) {
  console.error(`--ttl must be a whole number of seconds from 1 to 86400\n${usage}`);
  process.exit(2);
}

const paths = localPaths();
await ensureLocalSigningKey(paths.signingKey);
const keys = await loadSigningKeys(paths.signingKey);
process.stdout.write(`${await issueToken(keys, { sub: values.sub, role: values.role as Role, expiresInSeconds: ttl })}\n`);
