import { describe, expect, it } from 'vitest';
import { staffAccessFiguresOf } from '#shared/access-log/index.ts';
import type { StoredRecord } from '#shared/access-log/store/access-log-store.ts';
import { createAccessLog } from '#shared/access-log/use-cases/record-staff-read.ts';
import type { Counters } from '#shared/figures/store.ts';

/**
 * The access log counts staff reads as it appends them: per quarter, by the role read under and
 * the kind of data opened, in the same write as the records. The reason is never counted.
 */

const NOW = new Date('2026-11-20T10:00:00.000Z');

const recordingLog = () => {
  const appended: Array<{ records: readonly StoredRecord[]; counters: Counters }> = [];
  const log = createAccessLog({
    store: {
      append: async (records: readonly StoredRecord[], counters: Counters) => {
        appended.push({ records, counters });
      },
    },
    cipher: { seal: async () => new Uint8Array([1]) },
    clock: { now: () => NOW },
  });
  return { log, appended };
};

describe('the counters of staff reads', () => {
  it('are written with the records: one per piece of data opened, by role and by kind of data', async () => {
    // Prepare
    const { log, appended } = recordingLog();

    // Act
    await log.record({
      staff: { id: 'agent-7', roles: ['agent', 'admin'] },
      reason: 'Answering the complaint of Ada Lovelace',
      opened: [
        { subjectId: 'user-1', resource: { kind: 'complaint', id: 'cmp_1' }, fields: ['subject'] },
        { subjectId: 'user-1', resource: { kind: 'complaint-messages', id: 'cmp_1' }, fields: ['body'] },
      ],
    });

    // Assess
    expect(appended).toHaveLength(1);
    expect(appended[0]!.records).toHaveLength(2);
    expect(appended[0]!.counters).toEqual({
      reads: 2,
      'reads#role#agent': 2,
      'reads#role#admin': 2,
      'reads#kind#complaint': 1,
      'reads#kind#complaint-messages': 1,
    });
    expect(JSON.stringify(appended[0]!.counters)).not.toContain('Ada');
  });

  it('read back as the report states them: every staff role and kind of data, zero or not', () => {
    // Act
    const figures = staffAccessFiguresOf({ reads: 3, 'reads#role#moderator': 3, 'reads#kind#notice': 2, 'reads#kind#appeal': 1 });

    // Assess
    expect(figures.total).toBe(3);
    expect(figures.byRole).toEqual({ agent: 0, moderator: 3, security: 0, comms: 0, privacy: 0, admin: 0 });
    expect(figures.byResourceKind).toMatchObject({ notice: 2, appeal: 1, complaint: 0, 'survey-comments': 0 });
    expect(Object.values(figures.byResourceKind).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
