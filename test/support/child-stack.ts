import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalEndpoints } from '#infra/local/stack.ts';
import { localPaths, REPOSITORY_ROOT } from '#infra/local/paths.ts';


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

/** `npm start`'s own script in a child process, its `.local/` under `root`, on free ports. */
export const startChildStack = async (
  root: string,
  options: {
    startTimeoutMs?: number;
    /** false: the queues' consumers are not fed (LOCAL_QUEUE_POLLER=off); messages wait in the queues. */
    pollQueues?: boolean;
    /** false: the outbox tables' streams are not relayed (LOCAL_STREAM_POLLER=off); events wait for the scheduled relay. */
    relayOutboxes?: boolean;
    /** false: DynamoDB Local keeps its data in memory (LOCAL_PERSIST=off), as the tests' own stacks do. */
    persist?: boolean;
  } = {},
) => {
  const logFile = join(root, 'server.log');
  // Any free ports: .local/endpoints.json tells which.
  const ports = { PORT: 0, DYNAMODB_PORT: 0, SQS_PORT: 0, EVENTBRIDGE_PORT: 0, SES_PORT: 0 };
  // The child writes its log straight to the file: through a pipe, every line would wait for this
  // process's event loop to read it (stdout to a pipe is synchronous), and a busy caller stalls it.
  const log = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: REPOSITORY_ROOT,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      LOCAL_STACK_ROOT: root,
      // Tests run jobs themselves (npm run job, or the handler with a chosen time): no ticks behind their back.
      LOCAL_SCHEDULER: 'off',
      ...(options.pollQueues === false && { LOCAL_QUEUE_POLLER: 'off' }),
      ...(options.relayOutboxes === false && { LOCAL_STREAM_POLLER: 'off' }),
      ...(options.persist === false && { LOCAL_PERSIST: 'off' }),
    },
    stdio: ['ignore', log, log],
  });
  // The child holds its own copy of the descriptor.
  closeSync(log);
  const endpointsFile = localPaths(root).endpoints;
  await waitFor(
    async () => {
      if (!existsSync(endpointsFile)) return false;
      const { api } = JSON.parse(readFileSync(endpointsFile, 'utf8')) as LocalEndpoints;
      return (await fetch(`${api}/health`)).ok;
    },
    () => (child.exitCode === null ? undefined : `local stack exited: ${readFileSync(logFile, 'utf8')}`),
    options.startTimeoutMs,
  ).catch((error: unknown) => {
    // A stack that did not come up in time must not outlive the caller.
    child.kill('SIGTERM');
    throw error;
  });
  const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as LocalEndpoints;
  const stop = () =>
    new Promise<void>((ok, fail) => {
      child.once('exit', (code, signal) =>
        code === 0 ? ok() : fail(new Error(`local stack stopped with code ${code} signal ${signal}`)),
      );
      child.kill('SIGTERM');
    });
  return { endpoints, logFile, stop, pid: child.pid };
};

