import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { jobs } from '#infra/manifest.ts';
import { localPaths } from '#infra/local/paths.ts';
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

  it('keeps its data, its keys and its endpoints across a restart, and stops everything it started', async () => {
    // Prepare: a stack on disk under a fresh root (its scheduler on, as in npm start), and a
    // complaint filed through its API
    const first = await startLocalStack({
      apiPort: 0,
      dynamodbPort: 0,
      sqsPort: 0,
      eventBridgePort: 0,
      persist: true,
      root,
    });
    const portOf = (url: string) => Number(new URL(url).port);
    // The restart takes the same ports, as npm start does.
    const ports = {
      apiPort: portOf(first.endpoints.api),
      dynamodbPort: portOf(first.endpoints.dynamodb),
      sqsPort: portOf(first.endpoints.sqs),
      eventBridgePort: portOf(first.endpoints.eventbridge),
      sesPort: portOf(first.endpoints.ses),
      transparencyDatabasePort: portOf(first.endpoints.transparencyDatabase),
    };
    const token = await first.issueToken('restart-user', 'user');
    const filed = await fetch(`${first.endpoints.api}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app', category: 'other', subject: 'Kept?', description: 'Across restarts' }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const keyBefore = readFileSync(first.paths.dataKey, 'utf8');
    const pseudonymKeyBefore = readFileSync(first.paths.pseudonymKey, 'utf8');
    const scheduledJobs = first.scheduledJobs.map((job) => `${job.name} ${job.schedule}`);
    const onDemandJobs = first.onDemandJobs.map((job) => `${job.name} ${job.schedule}`);

    // Act
    await first.stop();
    const stoppedAll = await Promise.all(Object.values(first.endpoints).map(isListening));
    const second = await startLocalStack({ ...ports, persist: true, root, schedule: false });
    const read = await fetch(`${second.endpoints.api}/v1/complaints/${filed.id}`, {
      headers: { authorization: `Bearer ${await second.issueToken('restart-user', 'user')}` },
    });
    const readBody = (await read.json()) as { subject: string };
    await second.stop();

    // Assess
    expect(stoppedAll).toEqual([false, false, false, false, false, false]);
    expect(read.status).toBe(200);
    expect(readBody.subject).toBe('Kept?');
    expect(readFileSync(second.paths.dataKey, 'utf8')).toBe(keyBefore);
    expect(readFileSync(second.paths.pseudonymKey, 'utf8')).toBe(pseudonymKeyBefore);
    expect(Buffer.from(pseudonymKeyBefore.trim(), 'base64')).toHaveLength(32);
    for (const secret of [second.paths.dataKey, second.paths.pseudonymKey, second.paths.signingKey]) {
      expect(statSync(secret).mode & 0o777, secret).toBe(0o600);
    }
    expect(JSON.parse(readFileSync(second.paths.endpoints, 'utf8'))).toEqual({
      api: `http://127.0.0.1:${ports.apiPort}`,
      dynamodb: `http://127.0.0.1:${ports.dynamodbPort}`,
      sqs: `http://127.0.0.1:${ports.sqsPort}`,
      eventbridge: `http://127.0.0.1:${ports.eventBridgePort}`,
      ses: `http://127.0.0.1:${ports.sesPort}`,
      transparencyDatabase: `http://127.0.0.1:${ports.transparencyDatabasePort}`,
    });
    // Rate jobs fire on the clock; a cron (calendar) job, such as the quarterly audit, runs with npm run job.
    const jobsOf = (form: string) => Object.entries(jobs).filter(([, job]) => job.schedule.startsWith(form)).map(([name, job]) => `${name} ${job.schedule}`);
    expect(scheduledJobs).toEqual(jobsOf('rate('));
    expect(onDemandJobs).toEqual(jobsOf('cron('));
    expect(onDemandJobs).toContain('security-audit cron(0 3 1 1,4,7,10 ? *)');
    expect(second.scheduledJobs).toEqual([]);
    expect(second.onDemandJobs).toEqual([]);
  }, 90_000); // two starts of the whole stack on disk, DynamoDB Local (a JVM) each time

  it('gives the functions the endpoints, the keys and the bus through their environment', () => {
    // Prepare: the stack this test tier runs on (started by global-setup with the same code).
    const { env, endpoints, root: stackRoot } = inject('localStack');
    const paths = localPaths(stackRoot);

    // Assess
    expect(env).toMatchObject({
      STAGE: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
      AWS_ENDPOINT_URL_SESV2: endpoints.ses,
      NOTIFICATIONS_FROM_ADDRESS: 'notifications@local.test',
      PUBLIC_API_BASE_URL: endpoints.api,
      APP_INBOX_URL: `${endpoints.api}/app/inbox`,
      NOTIFICATIONS_DEFAULT_LOCALE: 'en',
      LOCAL_USER_DIRECTORY_FILE: join(stackRoot, '.local', 'users.json'),
      EVENT_BUS_NAME: 'user-protection-events',
      LOCAL_DATA_KEY_FILE: paths.dataKey,
      LOCAL_PSEUDONYM_KEY_FILE: paths.pseudonymKey,
      COMPLAINTS_TABLE_NAME: 'complaints',
      FIGURES_TABLE_NAME: 'figures',
    });
    expect(paths.events).toBe(join(stackRoot, '.local', 'events', 'user-protection-events.jsonl'));
  });

  it("keeps the emails sent with the functions' unchanged SES v2 client, for a developer to read at /store", async () => {
    // Prepare: the client a function creates, at the endpoint of the stack this tier runs on (the
    // restart test above pointed this process's environment at its own, stopped, stack)
    const { env } = inject('localStack');
    const ses = new SESv2Client({ endpoint: env.AWS_ENDPOINT_URL_SESV2 });
    const subject = `Your complaint ${randomUUID()}`;

    // Act
    const sent = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: env.NOTIFICATIONS_FROM_ADDRESS,
        Destination: { ToAddresses: ['ada@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: subject },
            Body: { Text: { Data: 'We have received it.' }, Html: { Data: '<p>We have received it.</p>' } },
            Headers: [{ Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' }],
          },
        },
      }),
    );
    ses.destroy();
    const store = (await fetch(`${inject('localStack').endpoints.ses}/store`).then((r) => r.json())) as {
      emails: Array<{ messageId: string; subject: string; from: string; destination: { to: string[] }; headers?: unknown }>;
    };

    // Assess
    expect(store.emails.filter((email) => email.subject === subject)).toEqual([
      expect.objectContaining({
        messageId: sent.MessageId,
        from: 'notifications@local.test',
        destination: expect.objectContaining({ to: ['ada@example.com'] }),
        headers: [{ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' }],
      }),
    ]);
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
        EVENTBRIDGE_PORT: '0',
        SES_PORT: '0',
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
