import { eventBus } from '#infra/manifest.ts';

/**
 * EventBridge event patterns, as far as this system uses them: each named top-level field of the
 * event must equal one of the listed strings or start with a listed `{ prefix }`. The CDK stacks
 * hand these patterns to EventBridge, and the local stack matches with `matchesPattern`, so a
 * pattern that would match nothing in AWS matches nothing in the tests either.
 */
type PatternValue = string | { prefix: string };
export type EventPattern = Partial<Record<'source' | 'detail-type', readonly PatternValue[]>>;

const matchesValue = (allowed: readonly PatternValue[], value: unknown): boolean =>
  typeof value === 'string' &&
  allowed.some((candidate) => (typeof candidate === 'string' ? candidate === value : value.startsWith(candidate.prefix)));

export const matchesPattern = (pattern: EventPattern, event: { source: string; 'detail-type': string }): boolean =>
  Object.entries(pattern).every(([field, allowed]) => matchesValue(allowed, event[field as keyof EventPattern]));

/** The archive keeps every domain event of the system: every context publishes as `<system>.<context>`. */
export const eventArchivePattern = { source: [{ prefix: `${eventBus.source}.` }] } as const satisfies EventPattern;
