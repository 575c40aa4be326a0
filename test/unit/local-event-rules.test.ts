import { describe, expect, it } from 'vitest';
import { eventRules } from '#infra/manifest.ts';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { startEventRules } from '#infra/local/event-rules.ts';
import type { LambdaHandler } from '#infra/local/lambda.ts';

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
    const rules = startEventRules({ eventbridge: bus, loadHandler: async () => hangs, log: (line) => lines.push(line), timeoutSeconds: 0.05 });

    // Act
    bus.emit(matchingEvent());
    await rules.stop();

    // Assess
    expect(calls).toBe(3);
    expect(lines.filter((l) => l.msg === 'event delivery failed').map((l) => l.errorName)).toEqual([
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
    const rules = startEventRules({ eventbridge: bus, loadHandler: async () => handler, timeoutSeconds: 1 });

    // Act
    bus.emit(matchingEvent());
    bus.emit({ ...matchingEvent(), id: 'evt-2', 'detail-type': 'complaint.received' });
    await rules.stop();

    // Assess
    expect(received).toEqual([matchingEvent()]);
  });
});
