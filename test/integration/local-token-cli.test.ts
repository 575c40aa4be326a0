import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { localPaths, REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { createLocalDirectory } from '#shared/notifications/directory/local-directory.ts';

/**
 * `npm run token` as a developer runs it (the CLI through tsx), with `.local/` in a temporary
 * directory: the token on stdout, the person in the local user directory.
 */

const roots: string[] = [];
const temporaryRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'upp-token-'));
  roots.push(root);
  return root;
};
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const token = (root: string, args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/local/token-cli.ts', ...args], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, LOCAL_STACK_ROOT: root },
    encoding: 'utf8',
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('npm run token and the local user directory', () => {
  it('records the person with their email, locale and groups, and prints the token and nothing else', async () => {
    // Prepare
    const root = temporaryRoot();

    // Act
    const run = await token(root, ['--sub', 'u1', '--role', 'user', '--email', 'u1@example.com', '--locale', 'zh-CN', '--group', 'supervisors']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decodeJwt(run.stdout.trim())).toMatchObject({ sub: 'u1', 'cognito:groups': ['user'] });
    const directory = createLocalDirectory(localPaths(root).users);
    expect(await directory.profileOf('u1')).toEqual({ email: 'u1@example.com', locale: 'zh-CN' });
    expect(await directory.membersOf('supervisors')).toEqual(['u1']);
  });

  it('updates a person by subject, keeping what was not given and everybody else, also when run side by side', async () => {
    // Prepare
    const root = temporaryRoot();
    await token(root, ['--sub', 'u1', '--email', 'u1@example.com', '--locale', 'en', '--group', 'supervisors']);

    // Act: a new token for u1 in another locale, and three other people at the same time
    const runs = await Promise.all([
      token(root, ['--sub', 'u1', '--role', 'agent', '--locale', 'zh_CN']),
      token(root, ['--sub', 'u2', '--email', 'u2@example.com']),
      token(root, ['--sub', 'u3', '--group', 'supervisors', '--group', 'comms']),
      token(root, ['--sub', 'u4']),
    ]);

    // Assess
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
    const directory = createLocalDirectory(localPaths(root).users);
    expect(await directory.profileOf('u1')).toEqual({ email: 'u1@example.com', locale: 'zh_CN' });
    expect(await directory.profileOf('u2')).toEqual({ email: 'u2@example.com' });
    expect(await directory.profileOf('u4')).toEqual({});
    expect((await directory.membersOf('supervisors')).sort()).toEqual(['u1', 'u3']);
    expect(await directory.membersOf('comms')).toEqual(['u3']);
  });

  it('refuses an address that is not one and a machine client with an email, and records no machine client', async () => {
    // Prepare
    const root = temporaryRoot();

    // Act
    const [badEmail, machineWithEmail, machine] = await Promise.all([
      token(root, ['--sub', 'u1', '--email', 'not-an-address']),
      token(root, ['--client', 'social', '--email', 'u1@example.com']),
      token(root, ['--client', 'social']),
    ]);

    // Assess
    expect(badEmail).toMatchObject({ code: 2, stdout: '' });
    expect(badEmail.stderr).toContain('--email must be an email address');
    expect(machineWithEmail).toMatchObject({ code: 2, stdout: '' });
    expect(machineWithEmail.stderr).toContain('--client cannot be combined with --email');
    expect(machine.code).toBe(0);
    expect(existsSync(localPaths(root).users)).toBe(false);
  });
});
