import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventRules, queues } from '#infra/manifest.ts';
import { localClientConfig } from '#infra/local/aws.ts';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { startEventRules } from '#infra/local/event-rules.ts';
import type { LambdaHandler } from '#infra/local/lambda.ts';
import { startSqsEmulator } from '#infra/local/sqs.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';

// The functions run on Lambda's Node 22+; the SDK's notice about older local Node versions is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A bus the test publishes on by hand: `emit` hands an event to every subscriber. */
const manualBus = () => {
  const listeners = new Set<(event: EventEnvelope) => void>();
  return {
    subscribe: (listener: (event: EventEnvelope) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (event: EventEnvelope) => listeners.forEach((listener) => listener(event)),
  };
};

const rule = eventRules.complaintResolvedSurvey;
const matchingEvent = (): EventEnvelope => ({
  version: '0',
  id: 'evt-1',
  'detail-type': rule.detailTypes[0],
  source: rule.sources[0],
  account: '000000000000',
  time: '2026-11-02T09:00:00.000Z',
  region: 'us-east-1',
  resources: [],
  detail: { complaintId: 'cmp_01TEST' },
});

/**
 * The SQS emulator of the stack (fauxqs, in this process) with every queue of the manifest, and
 * the real SDK client, as the stack gives them to the event rules. A fresh one per test.
 */
let emulator: Awaited<ReturnType<typeof startSqsEmulator>>;
let sqs: SQSClient;
beforeEach(async () => {
  emulator = await startSqsEmulator({ port: 0, definitions: Object.values(queues) });
  sqs = new SQSClient({ ...localClientConfig(emulator.endpoint), useQueueUrlAsEndpoint: false });
});
afterEach(async () => {
  sqs.destroy();
  await emulator.stop();
});

const queued = async (queueName: string) => {
  const received = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: emulator.queueUrls[queueName], MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return received.Messages ?? [];
};

const notificationRule = eventRules.notificationEvents;
const moderationEvent = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  version: '0',
  id: 'evt-notice',
  'detail-type': notifiedEvents['user-protection.moderation'][0],
  source: 'user-protection.moderation',
  account: '000000000000',
  time: '2026-11-02T09:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { noticeId: 'ntc_01TEST' },
  ...overrides,
});

describe('the local event rules', () => {
  it("ends a delivery that hangs at the function's timeout, retries it, and lets stop() return", async () => {
    // Prepare
    const bus = manualBus();
    const lines: Array<Record<string, unknown>> = [];
    let calls = 0;
    const hangs: LambdaHandler = () => {
      calls += 1;
      return new Promise(() => undefined);
    };
    const rules = startEventRules({
      eventbridge: bus,
      loadHandler: async () => hangs,
      sqs,
      queueUrls: emulator.queueUrls,
      log: (line) => lines.push(line),
      timeoutSeconds: 0.05,
    });

    // Act
    bus.emit(matchingEvent());
    await rules.stop();

    // Assess
    expect(calls).toBe(3);
    expect(lines.filter((l) => l.msg === 'event delivery failed' && l.rule === 'complaintResolvedSurvey').map((l) => l.errorName)).toEqual([
      'FunctionTimeoutError',
      'FunctionTimeoutError',
      'FunctionTimeoutError',
    ]);
    expect(lines.at(-1)).toMatchObject({ msg: expect.stringContaining('dropped'), eventId: 'evt-1' });
  });

  it('delivers a matching event once when the handler succeeds, and ignores others', async () => {
    // Prepare
    const bus = manualBus();
    const received: unknown[] = [];
    const handler: LambdaHandler = async (event) => {
      received.push(event);
      return undefined;
    };
    const rules = startEventRules({ eventbridge: bus, loadHandler: async () => handler, sqs, queueUrls: emulator.queueUrls, timeoutSeconds: 1 });

    // Act
    bus.emit(matchingEvent());
    bus.emit({ ...matchingEvent(), id: 'evt-2', 'detail-type': 'complaint.received' });
    await rules.stop();

    // Assess
    expect(received).toEqual([matchingEvent()]);
  });

  it("sends a matching event to a queue target's queue as EventBridge's SQS target does: once, the envelope as the body", async () => {
    // Prepare
    const bus = manualBus();
    const invoked: string[] = [];
    const rules = startEventRules({
      eventbridge: bus,
      loadHandler: async (name) => {
        invoked.push(name);
        return async () => undefined;
      },
      sqs,
      queueUrls: emulator.queueUrls,
    });

    // Act
    bus.emit(moderationEvent());
    bus.emit(moderationEvent({ id: 'evt-other', 'detail-type': 'moderation.not-for-people' }));
    await rules.stop();

    // Assess
    const messages = await queued(queues[notificationRule.queue].localName);
    expect(messages.map((message) => JSON.parse(message.Body ?? 'null'))).toEqual([moderationEvent()]);
    expect(await queued(`${queues[notificationRule.queue].localName}-dlq`)).toEqual([]);
    expect(invoked).toEqual([]);
  });

  it('retries a send that fails, as the function path retries, and the event arrives once', async () => {
    // Prepare: the first send fails before it reaches the emulator
    const bus = manualBus();
    const lines: Array<Record<string, unknown>> = [];
    let sends = 0;
    const flaky = {
      send: ((command: Parameters<SQSClient['send']>[0]) => {
        sends += 1;
        if (sends === 1) return Promise.reject(Object.assign(new Error('try again'), { name: 'ServiceUnavailable' }));
        return sqs.send(command);
      }) as SQSClient['send'],
    };
    const rules = startEventRules({
      eventbridge: bus,
      loadHandler: async () => async () => undefined,
      sqs: flaky,
      queueUrls: emulator.queueUrls,
      log: (line) => lines.push(line),
    });

    // Act
    bus.emit(moderationEvent());
    await rules.stop();

    // Assess
    expect(sends).toBe(2);
    expect(lines).toEqual([{ msg: 'event delivery failed', rule: 'notificationEvents', attempt: 1, errorName: 'ServiceUnavailable' }]);
    expect((await queued('notifications')).map((message) => JSON.parse(message.Body ?? 'null').id)).toEqual(['evt-notice']);
  });

  it("refuses to start when a queue target's queue does not exist locally", () => {
    // Act
    const start = () =>
      startEventRules({ eventbridge: manualBus(), loadHandler: async () => async () => undefined, sqs, queueUrls: {} });

    // Assess
    expect(start).toThrow('No local queue notifications for the event rule notificationEvents');
  });
});
