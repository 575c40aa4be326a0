import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { eventBus } from '#infra/resources.ts';
import { startLocalStack, type LocalEndpoints } from '#infra/local/stack.ts';
import { localPaths } from '#infra/local/paths.ts';

/**
 * Starts the emulators once per test project.
 * - integration: the local stack in this process (DynamoDB Local in memory, fauxqs); test files
 *   call the handlers directly with the stack's environment.
 * - api: `npm start`'s own script as a child process, on free ports, with its own `.local/` in a
 *   temporary directory and its output captured to a log file that tests can search; its
 *   scheduler is off (LOCAL_SCHEDULER=off).
 * Published events land in `localPaths(root).events` (read them with readPublishedEvents).
 */
export interface ProvidedStack {
  root: string;
  endpoints: LocalEndpoints;
  env: Record<string, string>;
  logFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localStack: ProvidedStack;
  }
}

const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..');

/** Polls `ready` (whose errors mean "not yet") until it holds; `failed` ends the wait at once. */
const waitFor = async (ready: () => Promise<boolean>, failed: () => string | undefined, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = failed();
    if (failure) throw new Error(failure);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Timed out waiting for the local stack');
};

const startChildStack = async (root: string) => {
  const logFile = join(root, 'server.log');
  // Any free ports: .local/endpoints.json tells which.
  const ports = { PORT: 0, DYNAMODB_PORT: 0, SQS_PORT: 0, EVENTBRIDGE_PORT: 0 };
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: REPOSITORY_ROOT,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      LOCAL_STACK_ROOT: root,
      // Tests run jobs themselves (npm run job, or the handler with a chosen time): no ticks behind their back.
      LOCAL_SCHEDULER: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const endpointsFile = localPaths(root).endpoints;
  await waitFor(
    async () => {
      if (!existsSync(endpointsFile)) return false;
      const { api } = JSON.parse(readFileSync(endpointsFile, 'utf8')) as LocalEndpoints;
      return (await fetch(`${api}/health`)).ok;
    },
    () => (child.exitCode === null ? undefined : `local stack exited: ${readFileSync(logFile, 'utf8')}`),
  );
  const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as LocalEndpoints;
  const stop = () =>
    new Promise<void>((ok, fail) => {
      child.once('exit', (code, signal) =>
        code === 0 ? ok() : fail(new Error(`local stack stopped with code ${code} signal ${signal}`)),
      );
      child.kill('SIGTERM');
    });
  return { endpoints, logFile, stop };
};

export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), `upp-${project.name}-`));
  if (project.name === 'api') {
    const stack = await startChildStack(root);
    project.provide('localStack', {
      root,
      endpoints: stack.endpoints,
      env: {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
        AWS_ENDPOINT_URL_SQS: stack.endpoints.sqs,
        AWS_ENDPOINT_URL_EVENTBRIDGE: stack.endpoints.eventbridge,
        EVENT_BUS_NAME: eventBus.localName,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      logFile: stack.logFile,
    });
    return async () => {
      await stack.stop();
      rmSync(root, { recursive: true, force: true });
    };
  }

  const stack = await startLocalStack({
    apiPort: 0,
    dynamodbPort: 0,
    sqsPort: 0,
    eventBridgePort: 0,
    // Tests control time: they invoke job handlers with the time they choose.
    schedule: false,
    persist: false,
    root,
  });
  project.provide('localStack', { root, endpoints: stack.endpoints, env: { ...stack.env, LOG_LEVEL: 'WARN' }, logFile: '' });
  return async () => {
    await stack.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
