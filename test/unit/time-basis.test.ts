import { describe, expect, it } from 'vitest';
import { advance, assertValidBasis, measure, TimeBasisError, type TimeBasis } from '#shared/time/time-basis.ts';

const HOUR_MS = 3_600_000;
const parisOffice: TimeBasis = {
  kind: 'business',
  hours: {
    zone: 'Europe/Paris',
    week: {
      mon: { open: '09:00', close: '17:00' },
      tue: { open: '09:00', close: '17:00' },
      wed: { open: '09:00', close: '17:00' },
      thu: { open: '09:00', close: '17:00' },
      fri: { open: '09:00', close: '17:00' },
    },
    holidays: ['2026-12-25'],
  },
};

describe('calendar time', () => {
  it('counts every millisecond', () => {
    // Act
    const due = advance({ kind: 'calendar' }, new Date('2026-03-28T12:00:00Z'), 24 * HOUR_MS);

    // Assess
    expect(due.toISOString()).toBe('2026-03-29T12:00:00.000Z');
    expect(measure({ kind: 'calendar' }, new Date('2026-03-28T12:00:00Z'), due)).toBe(24 * HOUR_MS);
  });
});

describe('business hours', () => {
  it.each([
    // [case, from (UTC), business hours to add, expected (UTC)]
    ['within a day', '2026-11-30T08:00:00Z', 2, '2026-11-30T10:00:00Z'], // Mon 09:00 CET + 2 h
    ['before opening: the clock starts at opening', '2026-11-30T05:00:00Z', 1, '2026-11-30T09:00:00Z'],
    ['across a night', '2026-11-30T15:00:00Z', 2, '2026-12-01T09:00:00Z'], // Mon 16:00 + 2 h = Tue 10:00
    ['across a weekend', '2026-12-04T15:00:00Z', 4, '2026-12-07T11:00:00Z'], // Fri 16:00 + 4 h = Mon 12:00
    ['across a holiday', '2026-12-24T15:00:00Z', 2, '2026-12-28T09:00:00Z'], // Thu 16:00, Fri 25 off, Mon 10:00
    ['exactly to closing time', '2026-11-30T08:00:00Z', 8, '2026-11-30T16:00:00Z'],
    ['across the spring-forward night', '2026-03-27T15:00:00Z', 2, '2026-03-30T08:00:00Z'], // Fri 16:00 CET, Mon 10:00 CEST
    ['across the fall-back night', '2026-10-23T14:00:00Z', 2, '2026-10-26T09:00:00Z'], // Fri 16:00 CEST, Mon 10:00 CET
  ])('%s', (_case, from, hours, expected) => {
    // Act
    const due = advance(parisOffice, new Date(from), hours * HOUR_MS);

    // Assess
    expect(due.toISOString()).toBe(new Date(expected).toISOString());
    expect(measure(parisOffice, new Date(from), due)).toBe(hours * HOUR_MS);
  });

  it('counts nothing over a closed weekend', () => {
    // Act
    const counted = measure(parisOffice, new Date('2026-12-05T08:00:00Z'), new Date('2026-12-06T20:00:00Z'));

    // Assess
    expect(counted).toBe(0);
  });

  it.each([
    [{ kind: 'business', hours: { zone: 'Mars/Olympus', week: { mon: { open: '09:00', close: '17:00' } } } }, /time zone/],
    [{ kind: 'business', hours: { zone: 'Europe/Paris', week: {} } }, /at least one open day/],
    [{ kind: 'business', hours: { zone: 'Europe/Paris', week: { mon: { open: '17:00', close: '09:00' } } } }, /after opening/],
    [{ kind: 'business', hours: { zone: 'Europe/Paris', week: { mon: { open: '9am', close: '17:00' } } } }, /HH:MM/],
  ] as const)('refuses an unusable schedule (%#)', (basis, message) => {
    // Act
    const check = () => assertValidBasis(basis as TimeBasis);

    // Assess
    expect(check).toThrow(TimeBasisError);
    expect(check).toThrow(message);
  });
});
