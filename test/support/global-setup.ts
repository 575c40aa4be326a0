import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { eventBus } from '#infra/manifest.ts';
import { startLocalStack, type LocalEndpoints } from '#infra/local/stack.ts';
import { startChildStack } from './child-stack.ts';

/**
 * Starts the emulators once per test project.
 * - integration: the local stack in this process (DynamoDB Local in memory, fauxqs); test files
 *   call the handlers directly with the stack's environment.
 * - api: `npm start`'s own script as a child process, on free ports, with its own `.local/` in a
 *   temporary directory and its output captured to a log file that tests can search; its
 *   scheduler is off (LOCAL_SCHEDULER=off).
 * Both relay the outbox tables' streams, so a request's events reach the bus shortly after it answers.
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
    // Tests that consume queues start their own poller (test/support/moderation-harness.ts).
    pollQueues: false,
    // As in AWS, a request's events reach the local bus moments after it answers (the request no
    // longer publishes them): tests wait for them in the events file.
    relayOutboxes: true,
    persist: false,
    root,
  });
  project.provide('localStack', { root, endpoints: stack.endpoints, env: { ...stack.env, LOG_LEVEL: 'WARN' }, logFile: '' });
  return async () => {
    await stack.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
