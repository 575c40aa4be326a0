import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  TooManyRequestsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config.ts';
import { createCognitoDirectory } from '#shared/notifications/directory/cognito-directory.ts';
import { directoryFromEnvironment } from '#shared/notifications/directory/directory-from-environment.ts';
import { createLocalDirectory, recordLocalPerson } from '#shared/notifications/directory/local-directory.ts';

// The functions run on Lambda's Node 22+; the SDK's notice about older local Node versions is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const roots: string[] = [];
const directoryFile = () => {
  const root = mkdtempSync(join(tmpdir(), 'upp-directory-'));
  roots.push(root);
  return join(root, '.local', 'users.json');
};
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('the local user directory (the file the token CLI fills)', () => {
  it('knows nobody while there is no file', async () => {
    // Prepare
    const directory = createLocalDirectory(directoryFile());

    // Act and assess
    expect(await directory.profileOf('u1')).toBeUndefined();
    expect(await directory.membersOf('supervisors')).toEqual([]);
  });

  it('gives each recorded person their email and their locale as given, and the members of a group', async () => {
    // Prepare
    const file = directoryFile();
    const directory = createLocalDirectory(file);
    recordLocalPerson(file, { sub: 'u1', email: 'u1@example.com', locale: 'zh_CN', groups: ['supervisors'] });
    recordLocalPerson(file, { sub: 'u2' });
    recordLocalPerson(file, { sub: 'u3', email: 'u3@example.com', groups: ['supervisors', 'comms'] });

    // Act and assess: read per call, so what was recorded after the directory was made is there
    expect(await directory.profileOf('u1')).toEqual({ email: 'u1@example.com', locale: 'zh_CN' });
    expect(await directory.profileOf('u2')).toEqual({});
    expect(await directory.profileOf('nobody')).toBeUndefined();
    expect(await directory.membersOf('supervisors')).toEqual(['u1', 'u3']);
    expect(await directory.membersOf('comms')).toEqual(['u3']);
    expect(await directory.membersOf('agents')).toEqual([]);
  });

  it('records by subject: the fields given replace, the others stay, and so does everybody else', () => {
    // Prepare
    const file = directoryFile();
    recordLocalPerson(file, { sub: 'u1', email: 'u1@example.com', locale: 'en', groups: ['supervisors'] });
    recordLocalPerson(file, { sub: 'u2', email: 'u2@example.com' });

    // Act
    recordLocalPerson(file, { sub: 'u1', locale: 'zh-CN', email: undefined });

    // Assess
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      people: [
        { sub: 'u1', email: 'u1@example.com', locale: 'zh-CN', groups: ['supervisors'] },
        { sub: 'u2', email: 'u2@example.com' },
      ],
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("pages through the people's pool, leaving out staff (a group or a staff role), with the position as the token", async () => {
    // Prepare
    const file = directoryFile();
    const directory = createLocalDirectory(file, 2);
    recordLocalPerson(file, { sub: 'p1', email: 'p1@example.com', locale: 'zh-CN' });
    recordLocalPerson(file, { sub: 's1', groups: ['supervisors'] });
    recordLocalPerson(file, { sub: 'p2' });
    recordLocalPerson(file, { sub: 's2', staff: true });
    recordLocalPerson(file, { sub: 'p3', email: 'p3@example.com' });

    // Act
    const first = await directory.peoplePage(undefined);
    const second = await directory.peoplePage(first.next);

    // Assess
    expect(first).toEqual({ people: [{ sub: 'p1', email: 'p1@example.com', locale: 'zh-CN' }, { sub: 'p2' }], next: '2' });
    expect(second).toEqual({ people: [{ sub: 'p3', email: 'p3@example.com' }] });
  });

  it('refuses a file of another shape, naming the file but not quoting what it holds', async () => {
    // Prepare
    const file = directoryFile();
    recordLocalPerson(file, { sub: 'u0' });
    writeFileSync(file, JSON.stringify({ 'u1@example.com': { locale: 'en' } }));

    // Act
    const failure = await createLocalDirectory(file).profileOf('u1').catch((error: Error) => error);

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(file);
    expect((failure as Error).message).not.toContain('u1@example.com');
  });
});

type Sent = { command: string; input: Record<string, unknown> };

/**
 * A real Cognito client whose `send` is replaced: each command is recorded (its type and input)
 * and answered by `answer`; nothing goes to the network.
 */
type DirectoryCommand = AdminGetUserCommand | ListUsersInGroupCommand | ListUsersCommand;
const fakeCognito = (answer: (command: DirectoryCommand) => unknown) => {
  const sent: Sent[] = [];
  const client = new CognitoIdentityProviderClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const send = async (command: DirectoryCommand) => {
    if (!(command instanceof AdminGetUserCommand) && !(command instanceof ListUsersInGroupCommand) && !(command instanceof ListUsersCommand)) {
      throw new Error(`unexpected command ${(command as object).constructor.name}`);
    }
    sent.push({ command: command.constructor.name, input: { ...command.input } });
    return answer(command);
  };
  Object.assign(client, { send });
  return { client, sent };
};

const notFound = () => new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
const pools = { peoplePoolId: 'eu-central-1_People', staffPoolId: 'eu-central-1_Staff' };
const attributes = (values: Record<string, string>) => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));

describe('the Cognito user directory', () => {
  it("reads a person from the people's pool by subject: the verified email and the locale", async () => {
    // Prepare
    const { client, sent } = fakeCognito(() => ({
      Username: 'sub-1',
      UserAttributes: attributes({ sub: 'sub-1', email: 'ada@example.com', email_verified: 'true', locale: 'zh_CN' }),
    }));

    // Act
    const profile = await createCognitoDirectory({ client, ...pools }).profileOf('sub-1');

    // Assess
    expect(profile).toEqual({ email: 'ada@example.com', locale: 'zh_CN' });
    expect(sent).toEqual([{ command: 'AdminGetUserCommand', input: { UserPoolId: pools.peoplePoolId, Username: 'sub-1' } }]);
  });

  it('gives no email that is not verified', async () => {
    // Prepare
    const { client } = fakeCognito(() => ({ UserAttributes: attributes({ sub: 'sub-1', email: 'ada@example.com', email_verified: 'false' }) }));

    // Act and assess
    expect(await createCognitoDirectory({ client, ...pools }).profileOf('sub-1')).toEqual({});
  });

  it("reads the staff pool when the people's pool has no such user, and knows nobody when neither has", async () => {
    // Prepare
    const { client, sent } = fakeCognito((command) => {
      const { UserPoolId, Username } = (command as AdminGetUserCommand).input;
      if (UserPoolId === pools.staffPoolId && Username === 'staff-1') {
        return { UserAttributes: attributes({ sub: 'staff-1', email: 'sam@example.com', email_verified: 'true' }) };
      }
      throw notFound();
    });
    const directory = createCognitoDirectory({ client, ...pools });

    // Act
    const staff = await directory.profileOf('staff-1');
    const nobody = await directory.profileOf('gone');

    // Assess
    expect(staff).toEqual({ email: 'sam@example.com' });
    expect(nobody).toBeUndefined();
    expect(sent.map((s) => [s.input.UserPoolId, s.input.Username])).toEqual([
      [pools.peoplePoolId, 'staff-1'],
      [pools.staffPoolId, 'staff-1'],
      [pools.peoplePoolId, 'gone'],
      [pools.staffPoolId, 'gone'],
    ]);
  });

  it('lets any other error through: a throttled lookup is not "nobody"', async () => {
    // Prepare
    const { client, sent } = fakeCognito(() => {
      throw new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
    });

    // Act
    const failure = await createCognitoDirectory({ client, ...pools }).profileOf('sub-1').catch((error: Error) => error);

    // Assess
    expect(failure).toBeInstanceOf(TooManyRequestsException);
    expect(sent).toHaveLength(1);
  });

  it("pages through a staff group's members, by subject, leaving out disabled accounts", async () => {
    // Prepare
    const { client, sent } = fakeCognito((command) =>
      (command as ListUsersInGroupCommand).input.NextToken === undefined
        ? {
            Users: [
              { Username: 'staff-1', Enabled: true, Attributes: attributes({ sub: 'staff-1', email: 'a@example.com' }) },
              { Username: 'staff-2', Enabled: false, Attributes: attributes({ sub: 'staff-2' }) },
            ],
            NextToken: 'page-2',
          }
        : { Users: [{ Username: 'staff-3', Enabled: true, Attributes: attributes({ sub: 'staff-3' }) }] },
    );

    // Act
    const members = await createCognitoDirectory({ client, ...pools }).membersOf('supervisors');

    // Assess
    expect(members).toEqual(['staff-1', 'staff-3']);
    expect(sent).toEqual([
      { command: 'ListUsersInGroupCommand', input: { UserPoolId: pools.staffPoolId, GroupName: 'supervisors', NextToken: undefined, Limit: undefined } },
      { command: 'ListUsersInGroupCommand', input: { UserPoolId: pools.staffPoolId, GroupName: 'supervisors', NextToken: 'page-2', Limit: undefined } },
    ]);
  });
});

describe("the Cognito people's pool, page by page", () => {
  it('lists one page of the people with their verified email and locale, leaving out disabled accounts, and names the next', async () => {
    // Prepare
    const { client, sent } = fakeCognito((command) =>
      (command as ListUsersCommand).input.PaginationToken === undefined
        ? {
            Users: [
              { Username: 'p-1', Enabled: true, Attributes: attributes({ sub: 'p-1', email: 'a@example.com', email_verified: 'true', locale: 'en' }) },
              { Username: 'p-2', Enabled: false, Attributes: attributes({ sub: 'p-2', email: 'b@example.com', email_verified: 'true' }) },
              { Username: 'p-3', Enabled: true, Attributes: attributes({ sub: 'p-3', email: 'c@example.com', email_verified: 'false' }) },
            ],
            PaginationToken: 'page-2',
          }
        : { Users: [{ Username: 'p-4', Enabled: true, Attributes: attributes({ sub: 'p-4' }) }] },
    );
    const directory = createCognitoDirectory({ client, ...pools });

    // Act
    const first = await directory.peoplePage(undefined);
    const last = await directory.peoplePage(first.next);

    // Assess
    expect(first).toEqual({ people: [{ sub: 'p-1', email: 'a@example.com', locale: 'en' }, { sub: 'p-3' }], next: 'page-2' });
    expect(last).toEqual({ people: [{ sub: 'p-4' }] });
    const listed = { UserPoolId: pools.peoplePoolId, Limit: 60, AttributesToGet: ['sub', 'email', 'email_verified', 'locale'] };
    expect(sent).toEqual([
      { command: 'ListUsersCommand', input: listed },
      { command: 'ListUsersCommand', input: { ...listed, PaginationToken: 'page-2' } },
    ]);
  });
});

describe('the user directory the environment names', () => {
  it('is the local file on the local stage when LOCAL_USER_DIRECTORY_FILE is set', async () => {
    // Prepare
    const file = directoryFile();
    recordLocalPerson(file, { sub: 'u1', email: 'u1@example.com' });

    // Act
    const directory = directoryFromEnvironment({ STAGE: 'local', LOCAL_USER_DIRECTORY_FILE: file });

    // Assess
    expect(await directory.profileOf('u1')).toEqual({ email: 'u1@example.com' });
  });

  it('refuses the local file in a deployed stage', () => {
    // Act and assess
    expect(() => directoryFromEnvironment({ STAGE: 'prod', LOCAL_USER_DIRECTORY_FILE: '/tmp/users.json' })).toThrow(ConfigError);
  });

  it('is Cognito otherwise, and names the pool id that is missing', () => {
    // Act and assess
    expect(() => directoryFromEnvironment({ STAGE: 'prod', PEOPLE_USER_POOL_ID: pools.peoplePoolId })).toThrow(
      new ConfigError('Missing environment variable STAFF_USER_POOL_ID'),
    );
    expect(directoryFromEnvironment({ STAGE: 'prod', PEOPLE_USER_POOL_ID: 'p', STAFF_USER_POOL_ID: 's' })).toHaveProperty('membersOf');
  });
});
