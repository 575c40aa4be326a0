import { TZDate } from '@date-fns/tz';

/**
 * How a service-level target counts time: every millisecond (calendar time), or only the
 * business hours of a weekly schedule in a time zone (with holidays off). Deadlines across a
 * daylight-saving change stay right because opening hours are wall times in the zone.
 */

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Weekday = (typeof weekdays)[number];

/** `HH:MM` local wall time; the close of a day must be after its opening. */
type WallTime = `${number}:${number}`;

interface BusinessHours {
  /** An IANA time zone, e.g. `Europe/Paris`. */
  zone: string;
  /** Opening hours per weekday; a day absent is closed. */
  week: Partial<Record<Weekday, { open: WallTime; close: WallTime }>>;
  /** Local dates (`YYYY-MM-DD`) on which nothing counts. */
  holidays?: readonly string[];
}

export type TimeBasis = { kind: 'calendar' } | { kind: 'business'; hours: BusinessHours };

export const calendarTime: TimeBasis = { kind: 'calendar' };

/** A schedule is searched at most this far ahead; more means it has (almost) no open hours. */
const MAX_DAYS = 3660;

const minutes = (wall: WallTime) => {
  const [h, m] = wall.split(':').map(Number);
  return h! * 60 + m!;
};

export class TimeBasisError extends Error {
  override name = 'TimeBasisError';
}

/** Refuses a schedule that could never count time or names an unknown zone. */
export const assertValidBasis = (basis: TimeBasis): void => {
  if (basis.kind === 'calendar') return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: basis.hours.zone });
  } catch {
    throw new TimeBasisError(`Unknown time zone ${basis.hours.zone}`);
  }
  const days = Object.entries(basis.hours.week);
  if (days.length === 0) throw new TimeBasisError('Business hours need at least one open day');
  for (const [day, hours] of days) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(hours.open) || !/^([01]\d|2[0-4]):[0-5]\d$/.test(hours.close)) {
      throw new TimeBasisError(`${day}: hours must be HH:MM`);
    }
    if (minutes(hours.close) <= minutes(hours.open)) throw new TimeBasisError(`${day}: closing must come after opening`);
  }
};

/** The open windows (as instants) of the local days from the one containing `from`, in order. */
function* openWindows(hours: BusinessHours, from: Date): Generator<[Date, Date]> {
  const local = new TZDate(from.getTime(), hours.zone);
  const [year, month, date] = [local.getFullYear(), local.getMonth(), local.getDate()];
  const holidays = new Set(hours.holidays ?? []);
  for (let offset = 0; offset < MAX_DAYS; offset += 1) {
    const noon = new TZDate(year, month, date + offset, 12, 0, hours.zone);
    const day = hours.week[weekdays[noon.getDay()]!];
    const isoDate = `${noon.getFullYear()}-${String(noon.getMonth() + 1).padStart(2, '0')}-${String(noon.getDate()).padStart(2, '0')}`;
    if (!day || holidays.has(isoDate)) continue;
    const at = (wall: WallTime) => {
      const m = minutes(wall);
      return new Date(+new TZDate(noon.getFullYear(), noon.getMonth(), noon.getDate(), Math.floor(m / 60), m % 60, hours.zone));
    };
    yield [at(day.open), at(day.close)];
  }
  throw new TimeBasisError(`No open hours within ${MAX_DAYS} days`);
}

/** Counted time between two instants (0 when `to` is not after `from`). */
export const measure = (basis: TimeBasis, from: Date, to: Date): number => {
  if (to <= from) return 0;
  if (basis.kind === 'calendar') return to.getTime() - from.getTime();
  let total = 0;
  for (const [open, close] of openWindows(basis.hours, from)) {
    if (open >= to) break;
    const start = Math.max(open.getTime(), from.getTime());
    const end = Math.min(close.getTime(), to.getTime());
    if (end > start) total += end - start;
  }
  return total;
};

/** The instant at which `amount` of counted time has passed since `from`. */
export const advance = (basis: TimeBasis, from: Date, amount: number): Date => {
  if (basis.kind === 'calendar') return new Date(from.getTime() + amount);
  let remaining = amount;
  for (const [open, close] of openWindows(basis.hours, from)) {
    const start = Math.max(open.getTime(), from.getTime());
    const available = close.getTime() - start;
    if (available <= 0) continue;
    // A target due exactly at closing time falls due then, not at the next opening.
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new TimeBasisError('unreachable');
};
