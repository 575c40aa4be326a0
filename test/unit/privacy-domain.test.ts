import { describe, expect, it } from 'vitest';
import { addMonths, dueDayOf, retentionEndOf, retentionPolicy, ttlSecondsOf } from '#shared/personal-data/retention.ts';
import { reportCountsOf, requestFigures } from '#shared/privacy/domain/figures.ts';
import { heldItemOf, isActive, release, type LegalHold } from '#shared/privacy/domain/legal-hold.ts';
import { archiveReady, assertDownloadable, cancel, erasureRan, newRequest, RequestStateError, type PrivacyRequest } from '#shared/privacy/domain/request.ts';
import { splitUtf8 } from '#shared/privacy/use-cases/assemble-export.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const timings = { deadlineDays: 30, coolingOffHours: 72 };
const t0 = new Date('2031-05-10T12:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const subject = { kind: 'account' as const, id: 'ada' };
const erasure = () => newRequest({ id: 'prq_1', kind: 'erasure', subject, via: 'account' }, t0, timings);
const exportRequest = () => newRequest({ id: 'prq_2', kind: 'export', subject, via: 'account' }, t0, timings);
const held = (until?: string) => ({ category: 'moderation.appeal', itemId: 'apl_1', reason: 'open-appeal' as const, explanation: 'open', ...(until && { until }) });

describe('a request’s lifecycle', () => {
  it('starts an export due at once and an erasure due when its cooling-off ends, both with the deadline', () => {
    expect(exportRequest()).toMatchObject({ status: 'pending', dueAt: t0.toISOString(), deadlineAt: at(30 * DAY_MS).toISOString() });
    expect(erasure()).toMatchObject({ status: 'cooling-off', erasesAt: at(72 * HOUR_MS).toISOString(), dueAt: at(72 * HOUR_MS).toISOString() });
  });

  it.each([
    ['cooling-off', true],
    ['partially-completed', false],
    ['completed', false],
    ['cancelled', false],
  ] as const)('an erasure %s can be cancelled: %s', (status, cancellable) => {
    const request = { ...erasure(), status };
    if (cancellable) expect(cancel(request, at(HOUR_MS))).toMatchObject({ status: 'cancelled', completedAt: at(HOUR_MS).toISOString() });
    else expect(() => cancel(request, at(HOUR_MS))).toThrow(RequestStateError);
  });

  it.each([
    ['nothing held: completed and no longer due', [], 'completed', undefined],
    ['a hold with an end: due again when it ends', [held(at(10 * DAY_MS).toISOString())], 'partially-completed', at(10 * DAY_MS).toISOString()],
    ['the earliest of several ends', [held(at(10 * DAY_MS).toISOString()), { ...held(at(4 * DAY_MS).toISOString()), itemId: 'apl_2' }], 'partially-completed', at(4 * DAY_MS).toISOString()],
    ['a hold without an end: due again in a day', [held(), held(at(10 * DAY_MS).toISOString())], 'partially-completed', at(DAY_MS).toISOString()],
  ] as const)('an erasure run with %s', (_, holds, status, dueAt) => {
    const ran = erasureRan(erasure(), { held: holds }, t0);
    expect(ran.status).toBe(status);
    expect(ran.dueAt).toBe(dueAt);
    expect(ran.completedAt).toBe(t0.toISOString());
  });

  it('records a hold that ended between two runs', () => {
    const first = erasureRan(erasure(), { held: [held(at(DAY_MS).toISOString())] }, t0);
    const second = erasureRan(first, { held: [] }, at(2 * DAY_MS));
    expect(second.steps.map((s) => s.step)).toEqual(['requested', 'erased', 'held', 'erased', 'hold-ended']);
    expect(second.completedAt).toBe(t0.toISOString());
  });

  it('lets an archive be downloaded only while it is ready and not past its expiry', () => {
    expect(() => assertDownloadable(exportRequest(), t0)).toThrow(expect.objectContaining({ slug: 'archive-not-ready' }));
    const ready = archiveReady(exportRequest(), { bytes: 10, parts: 1 }, t0);
    expect(ready.expiresAt).toBe(at(7 * DAY_MS).toISOString());
    expect(() => assertDownloadable(ready, at(7 * DAY_MS - 1))).not.toThrow();
    expect(() => assertDownloadable(ready, at(7 * DAY_MS))).toThrow(expect.objectContaining({ slug: 'archive-expired' }));
  });
});

describe('legal holds', () => {
  const hold: LegalHold = { id: 'lgh_1', subject, reason: 'authority-order', reference: 'Order 17', placedBy: 'dpo', placedAt: t0.toISOString(), until: at(DAY_MS).toISOString() };
  it('are active until released or until their end, and tell the person why without the reference', () => {
    expect(isActive(hold, t0)).toBe(true);
    expect(isActive(hold, at(DAY_MS))).toBe(false);
    expect(isActive(release(hold, 'dpo', t0), t0)).toBe(false);
    expect(() => release(release(hold, 'dpo', t0), 'dpo', t0)).toThrow();
    expect(JSON.stringify(heldItemOf(hold))).not.toContain('Order 17');
  });
});

describe('figures of a quarter’s requests', () => {
  const answered = (id: string, hours: number, kind: 'export' | 'erasure' = 'export'): PrivacyRequest => ({
    ...newRequest({ id, kind, subject, via: 'account' }, t0, timings),
    status: 'completed',
    completedAt: at(hours * HOUR_MS).toISOString(),
  });
  it('give the median and maximum hours to answer and the share answered by the deadline, overdue ones counting late', () => {
    const overdue = newRequest({ id: 'late', kind: 'export', subject, via: 'account' }, t0, timings);
    const figures = requestFigures([answered('a', 1), answered('b', 3), answered('c', 31 * 24), overdue, { ...erasure(), status: 'cancelled', completedAt: t0.toISOString() }], at(40 * DAY_MS));
    expect(figures.export).toEqual({ requested: 4, completed: 3, completedOnTime: 2, cancelled: 0, hoursToComplete: { median: 3, max: 744 }, onTimeShare: 0.5, overdue: 1 });
    expect(figures.erasure).toMatchObject({ requested: 1, completed: 0, cancelled: 1, onTimeShare: null, hoursToComplete: { median: null, max: null } });
    expect(reportCountsOf(figures)).toEqual({
      'export.requested': 4,
      'export.completed': 3,
      'export.completed-on-time': 2,
      'export.cancelled': 0,
      'export.overdue': 1,
      'export.median-hours-to-complete': 3,
      'export.max-hours-to-complete': 744,
      'erasure.requested': 1,
      'erasure.completed': 0,
      'erasure.completed-on-time': 0,
      'erasure.cancelled': 1,
      'erasure.overdue': 0,
    });
  });
});

describe('the retention policy', () => {
  it('ends each category after its period, on a due day and as a time to live', () => {
    const closed = new Date('2031-01-31T10:00:00.000Z');
    expect(retentionEndOf(retentionPolicy.closedComplaints, closed).toISOString()).toBe('2033-01-31T10:00:00.000Z');
    expect(addMonths(closed, 1).toISOString()).toBe('2031-02-28T10:00:00.000Z');
    expect(retentionEndOf(retentionPolicy.dataExports, closed).toISOString()).toBe('2031-02-07T10:00:00.000Z');
    expect(dueDayOf(new Date('2031-02-07T23:59:59.000Z'))).toBe('2031-02-07');
    expect(ttlSecondsOf(new Date('2031-02-07T10:00:00.500Z'))).toBe(Date.parse('2031-02-07T10:00:01.000Z') / 1000);
  });
});

describe('the archive’s parts', () => {
  it('split on character boundaries and join to the same text', () => {
    const text = `${'a'.repeat(5)}数据${'é'.repeat(3)}`;
    const parts = splitUtf8(text, 4);
    expect(parts.every((p) => p.byteLength <= 4)).toBe(true);
    expect(parts.map((p) => Buffer.from(p).toString('utf8')).join('')).toBe(text);
  });
});
