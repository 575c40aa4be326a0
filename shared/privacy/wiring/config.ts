import type { RequestTimings } from '#shared/privacy/domain/request.ts';
import { COOLING_OFF_HOURS_ENV, DEADLINE_DAYS_ENV } from '#shared/privacy/manifest.ts';

const positive = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return value;
};

/** The request timings from the environment: a 30-day deadline and a 72-hour cooling-off unless configured. */
export const requestTimingsFromEnvironment = (env: NodeJS.ProcessEnv): RequestTimings => ({
  deadlineDays: positive(env, DEADLINE_DAYS_ENV, 30),
  coolingOffHours: positive(env, COOLING_OFF_HOURS_ENV, 72),
});
