import { describe, expect, it } from 'vitest';
import { jobEvent, parseJobEvent } from '#shared/jobs/job-event.ts';

describe('a job event', () => {
  it.each([
    ['a schedule tick', { job: 'sla-sweep', time: '2026-12-07T01:00:00Z' }],
    ['fractions of a second', { job: 'sla-sweep', time: '2026-12-07T01:00:00.123Z' }],
    ['an offset', { job: 'survey-campaign', time: '2026-12-07T02:00:00+01:00' }],
    ['a leap day', { job: 'sla-sweep', time: '2028-02-29T00:00:00Z' }],
    ['a quarter', { job: 'transparency-report', time: '2027-01-02T08:00:00Z', quarter: '2026-Q4' }],
  ])('is accepted with %s', (_, event) => {
    // Act
    const parsed = parseJobEvent(event);

    // Assess
    expect(parsed).toEqual({ success: true, data: event });
  });

  it.each([
    ['not an object', 'sla-sweep', ['']],
    ['null', null, ['']],
    ['an array', [], ['']],
    ['no time', { job: 'sla-sweep' }, ['time']],
    ['a time without seconds', { job: 'sla-sweep', time: '2026-12-07T01:00Z' }, ['time']],
    ['a time without a zone', { job: 'sla-sweep', time: '2026-12-07T01:00:00' }, ['time']],
    ['a day the month does not have', { job: 'sla-sweep', time: '2026-02-29T00:00:00Z' }, ['time']],
    ['the 31st of April', { job: 'sla-sweep', time: '2026-04-31T00:00:00Z' }, ['time']],
    ['hour 24', { job: 'sla-sweep', time: '2026-12-07T24:00:00Z' }, ['time']],
    ['a number for a time', { job: 'sla-sweep', time: 1765069200000 }, ['time']],
    ['a job name with capitals', { job: 'SLA-sweep', time: '2026-12-07T01:00:00Z' }, ['job']],
    ['no job', { time: '2026-12-07T01:00:00Z' }, ['job']],
    ['a malformed quarter', { job: 'transparency-report', time: '2026-12-07T01:00:00Z', quarter: '2026-Q5' }, ['quarter']],
    ['an unknown field', { job: 'sla-sweep', time: '2026-12-07T01:00:00Z', now: 'later' }, ['now']],
  ])('is refused when it is %s, naming what is wrong', (_, event, issues) => {
    // Act
    const parsed = parseJobEvent(event);

    // Assess
    expect(parsed).toEqual({ success: false, issues });
  });

  it('is what jobEvent builds, with or without a quarter', () => {
    // Prepare
    const at = new Date('2026-12-07T01:00:00.000Z');

    // Act
    const plain = jobEvent('sla-sweep', at);
    const quartered = jobEvent('transparency-report', at, { quarter: '2026-Q4' });

    // Assess
    expect(plain).toEqual({ job: 'sla-sweep', time: '2026-12-07T01:00:00.000Z' });
    expect(parseJobEvent(plain).success).toBe(true);
    expect(parseJobEvent(quartered)).toEqual({ success: true, data: { ...plain, job: 'transparency-report', quarter: '2026-Q4' } });
  });
});
