/**
 * `npm run token -- --sub <id> --role <role>`: prints a bearer token for the local stack, and
 * nothing else, so that `TOKEN=$(npm run -s token -- ...)` works.
 * `--email <address> --locale <locale> --group <group>` (each optional, --group repeatable) also
 * record the person in the local user directory (`.local/users.json`), which the notifications
 * read instead of Cognito: the fields given replace what was recorded of that subject, the others stay.
 * `npm run token -- --client <name>`: a machine client's token instead, shaped like Cognito's
 * client-credentials access token (the client's scopes, no user).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { roles, type Role } from '#infra/manifest.ts';
import { issueMachineToken, issueToken, machineClientNames, type MachineClientName } from '#infra/local/identity.ts';
import { ensureLocalSigningKey, loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';
import { userPools } from '#shared/manifest/platform.ts';
import { recordLocalPerson, type LocalPerson } from '#shared/notifications/directory/local-directory.ts';

const usage = [
  `usage: npm run token -- --sub <id> [--role <${roles.join('|')}>] [--ttl <seconds>]`,
  '         [--email <address>] [--locale <e.g. en, zh-CN>] [--group <staff group>]...',
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
        email: { type: 'string' },
        locale: { type: 'string' },
        group: { type: 'string', multiple: true },
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

/** Locale tags as profiles hold them: `en`, `zh-CN`, `zh_CN`, `en-GB` (stored as given). */
const LOCALE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;
const NAME = /^[\w.@:-]{1,128}$/;

/** What to record of the person in the local user directory: the fields given, each checked. */
const personOf = (sub: string): LocalPerson => {
  const { email, locale, group: groups } = values;
  if (email !== undefined && !z.email().max(254).safeParse(email).success) fail('--email must be an email address');
  if (locale !== undefined && !LOCALE_TAG.test(locale)) fail('--locale must be a locale tag such as en, zh-CN or en_GB');
  if (groups?.some((group) => !NAME.test(group))) fail('--group must be 1 to 128 letters, digits or . _ @ : -');
  return { sub, ...(email !== undefined && { email }), ...(locale !== undefined && { locale }), ...(groups && { groups }) };
};

let issue: (keys: Awaited<ReturnType<typeof loadSigningKeys>>) => Promise<string>;
let person: LocalPerson | undefined;
if (values.client !== undefined) {
  // A machine client is not a user: a token cannot be both.
  if (values.sub !== undefined || values.role !== undefined) fail('--client cannot be combined with --sub or --role');
  if (values.email !== undefined || values.locale !== undefined || values.group !== undefined) {
    fail('--client cannot be combined with --email, --locale or --group: a machine client is nobody to write to');
  }
  if (!(machineClientNames as string[]).includes(values.client)) {
    fail(`--client must be one of ${machineClientNames.join(', ')}`);
  }
  const client = values.client as MachineClientName;
  issue = (keys) => issueMachineToken(keys, { client, expiresInSeconds: ttl });
} else {
  const sub = values.sub ?? '';
  const role = values.role ?? 'user';
  if (!NAME.test(sub)) fail('--sub (or --client) is required: 1 to 128 letters, digits or . _ @ : -');
  if (!(roles as readonly string[]).includes(role)) fail(`--role must be one of ${roles.join(', ')}`);
  // A staff role makes the subject staff: not one of the people that announcements reach.
  const isStaff = (userPools.staff.roles as readonly string[]).includes(role);
  person = { ...personOf(sub), ...(isStaff && { staff: true }) };
  issue = (keys) => issueToken(keys, { sub, role: role as Role, expiresInSeconds: ttl });
}

// The same `.local/` as `npm start` (LOCAL_STACK_ROOT moves it, as for start and job).
const paths = localPaths(process.env.LOCAL_STACK_ROOT || undefined);
if (person) {
  try {
    recordLocalPerson(paths.users, person);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
await ensureLocalSigningKey(paths.signingKey);
process.stdout.write(`${await issue(await loadSigningKeys(paths.signingKey))}\n`);
