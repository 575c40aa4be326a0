import { readSetting } from '#shared/config.ts';
import type { RequestTimings } from '#shared/privacy/domain/request.ts';
import { coolingOffHoursSetting, deadlineDaysSetting } from '#shared/privacy/manifest.ts';

/** The request timings from the environment: a 30-day deadline and a 72-hour cooling-off unless configured. */
export const requestTimingsFromEnvironment = (env: NodeJS.ProcessEnv): RequestTimings => ({
  deadlineDays: readSetting(deadlineDaysSetting, env),
  coolingOffHours: readSetting(coolingOffHoursSetting, env),
});
