import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '#infra/local/stack.ts';

const isListening = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('the local stack that npm start runs', () => {
  const root = mkdtempSync(join(tmpdir(), 'upp-restart-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps its data, its key and its endpoints across a restart, and stops everything it started', async () => {
    // Prepare: a stack on disk under a fresh root, and a complaint filed through its API
    const first = await startLocalStack({ apiPort: 0, dynamodbPort: 0, sqsPort: 0, persist: true, root });
    const portOf = (url: string) => Number(new URL(url).port);
    // The restart takes the same ports, as npm start does.
    const ports = {
      apiPort: portOf(first.endpoints.api),
      dynamodbPort: portOf(first.endpoints.dynamodb),
      sqsPort: portOf(first.endpoints.sqs),
    };
    const token = await first.issueToken('restart-user', 'user');
    const filed = await fetch(`${first.endpoints.api}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app', category: 'other', subject: 'Kept?', description: 'Across restarts' }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const keyBefore = readFileSync(first.paths.dataKey, 'utf8');

    // Act
    await first.stop();
    const stoppedAll = await Promise.all(Object.values(first.endpoints).map(isListening));
    const second = await startLocalStack({ ...ports, persist: true, root });
    const read = await fetch(`${second.endpoints.api}/v1/complaints/${filed.id}`, {
      headers: { authorization: `Bearer ${await second.issueToken('restart-user', 'user')}` },
    });
    const readBody = (await read.json()) as { subject: string };
    await second.stop();

    // Assess
    expect(stoppedAll).toEqual([false, false, false]);
    expect(read.status).toBe(200);
    expect(readBody.subject).toBe('Kept?');
    expect(readFileSync(second.paths.dataKey, 'utf8')).toBe(keyBefore);
    expect(statSync(second.paths.dataKey).mode & 0o777).toBe(0o600);
    expect(statSync(second.paths.signingKey).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(second.paths.endpoints, 'utf8'))).toEqual({
      api: `http://127.0.0.1:${ports.apiPort}`,
      dynamodb: `http://127.0.0.1:${ports.dynamodbPort}`,
      sqs: `http://127.0.0.1:${ports.sqsPort}`,
    });
  });
});

describe('npm start without Java', () => {
  it('says that DynamoDB Local needs Java 17 and how to get it, and exits with an error', async () => {
    // Prepare: a PATH that holds node and nothing else
    const root = mkdtempSync(join(tmpdir(), 'upp-nojava-'));
    mkdirSync(join(root, 'bin'));
    symlinkSync(process.execPath, join(root, 'bin', 'node'));

    // Act
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      env: {
        ...process.env,
        PATH: join(root, 'bin'),
        LOCAL_STACK_ROOT: root,
        PORT: '0',
        DYNAMODB_PORT: '0',
        SQS_PORT: '0',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    rmSync(root, { recursive: true, force: true });

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DynamoDB Local needs Java 17 or newer/);
    expect(result.stderr).toMatch(/apt-get install -y openjdk-17-jre-headless/);
  });
});
