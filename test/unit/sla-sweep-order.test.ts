import { describe, expect, it } from 'vitest';
import type { Decision } from '#shared/customer-service/domain/decisions.ts';
import { runSlaSweep, type SweepPorts } from '#shared/customer-service/use-cases/sweep.ts';

const now = new Date('2026-05-04T10:00:00.000Z');

/** Sweep ports that record what is done, in order; one complaint falls due and is changed. */
const recordingPorts = (relay: () => Promise<{ events: number }>) => {
  const done: string[] = [];
  const decision = { state: { id: 'cmp_1', version: 2 }, events: [], history: [{ action: 'sla-warning' }] } as unknown as Decision;
  const ports = {
    complaints: {
      async *dueBy() {
        done.push('due');
        yield 'cmp_1';
      },
      get: async () => {
        done.push('read');
        return { state: { id: 'cmp_1', version: 1 } };
      },
      update: async () => {
        done.push('write');
      },
    },
    decisions: { sweep: () => decision },
    outbox: { stage: () => ({ events: [], items: [] }) },
    outboxRelay: {
      relay: async () => {
        done.push('relay');
        return relay();
      },
    },
    figures: {
      current: async () => ({ open: 1 }),
      snapshot: async () => {
        done.push('snapshot');
      },
    },
  } as unknown as SweepPorts;
  return { ports, done };
};

describe('the SLA sweep', () => {
  it('does its own work first and relays the outbox last', async () => {
    // Prepare
    const { ports, done } = recordingPorts(async () => ({ events: 3 }));

    // Act
    const report = await runSlaSweep(ports, now);

    // Assess
    expect(done).toEqual(['due', 'read', 'write', 'snapshot', 'relay']);
    expect(report).toMatchObject({ due: 1, changed: 1, warnings: 1, eventsRelayed: 3 });
  });

  it('has applied the deadlines when the relay fails', async () => {
    // Prepare
    const { ports, done } = recordingPorts(async () => Promise.reject(new Error('no table')));

    // Act
    const outcome = await runSlaSweep(ports, now).catch((error: Error) => error);

    // Assess
    expect(outcome).toMatchObject({ message: 'no table' });
    expect(done).toEqual(['due', 'read', 'write', 'snapshot', 'relay']);
  });
});
