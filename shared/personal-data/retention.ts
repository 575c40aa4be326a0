/**
 * The retention policy: how long each category of personal data is kept once its purpose is
 * served, and how its end is enforced. One definition: the contexts compute their due days and
 * time-to-live values from it, the privacy policy publishes it (`GET /v1/privacy/retention`), and
 * the transparency report's data-use section states it.
 *
 * `ttl`: the item expires whole through the table's time to live (DynamoDB deletes it within a
 * day or two of the time; reads treat it as gone from the time on). `due-day`: the item stays
 * (its counters and non-personal state serve the figures) and the daily retention job removes its
 * personal fields, found through the context's due-day index.
 */
export interface RetentionRule {
  category: string;
  /** What starts the clock. */
  from: string;
  months?: number;
  days?: number;
  enforcedBy: 'ttl' | 'due-day';
  description: string;
}

export const retentionPolicy = {
  closedComplaints: {
    category: 'complaint-text',
    from: 'the complaint is resolved or closed',
    months: 24,
    enforcedBy: 'due-day',
    description: 'The subject, description, contact details and conversation of a complaint are removed 24 months after it was resolved or closed; its state and figures stay.',
  },
  noticesAndAppeals: {
    category: 'notices-and-appeals',
    from: 'the decision on the notice or appeal, after its 6-month appeal window',
    months: 18,
    enforcedBy: 'due-day',
    description: 'The explanation, name and contact details of a notice, and the explanations of an appeal, are removed 12 months after the 6-month appeal window of its decision ends; statements of reasons (no personal data) are kept.',
  },
  surveyFreeText: {
    category: 'survey-free-text',
    // The clock starts on the first day of the month after the answer's: the text goes a month later.
    from: "the first day of the month after the answer's month (the month's results are reported by its end)",
    months: 1,
    enforcedBy: 'due-day',
    description: "Free-text survey answers are removed once the month's results are reported, at the end of the following month; the scores stay as counted.",
  },
  inboxItems: {
    category: 'notification-inbox',
    from: 'the notification is delivered',
    months: 12,
    enforcedBy: 'ttl',
    description: 'Notifications in the in-app inbox are deleted 12 months after delivery.',
  },
  dataExports: {
    category: 'data-exports',
    from: 'the archive is ready',
    days: 7,
    enforcedBy: 'ttl',
    description: 'A data-export archive can be downloaded for 7 days, then it is deleted.',
  },
  accessRecords: {
    category: 'access-records',
    from: 'the staff read',
    months: 24,
    enforcedBy: 'ttl',
    description: 'Records of staff reads of personal data are kept 24 months (append-only until then), then deleted.',
  },
} as const satisfies Record<string, RetentionRule>;

/** Adds calendar months in UTC (the day is clamped to the target month's last day). */
export const addMonths = (from: Date, months: number): Date => {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
};

/** When a rule's retention ends for data whose clock started at `from`. */
export const retentionEndOf = (rule: RetentionRule, from: Date): Date => {
  const afterMonths = addMonths(from, rule.months ?? 0);
  return new Date(afterMonths.getTime() + (rule.days ?? 0) * 86_400_000);
};

/** The UTC day (YYYY-MM-DD) on which the daily retention job removes what ends at `end`. */
export const dueDayOf = (end: Date): string => end.toISOString().slice(0, 10);

/** A time-to-live attribute's value: seconds since the epoch. */
export const ttlSecondsOf = (end: Date): number => Math.ceil(end.getTime() / 1000);
