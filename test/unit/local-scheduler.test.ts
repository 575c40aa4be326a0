import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { functions, jobs, type JobDefinition } from '#infra/manifest.ts';
import type { LambdaHandler } from '#infra/local/lambda.ts';
import { ScheduleExpressionError, startScheduler, type Every } from '#infra/local/scheduler.ts';
import { parseSchedule, rateMilliseconds, runWorthMilliseconds } from '#infra/schedule-expression.ts';

/** Timers under the test's control: `tick()` fires every live timer once. */
const manualTimers = () => {
  const timers: Array<{ intervalMs: number; tick: () => void; cancelled: boolean }> = [];
  const every: Every = (intervalMs, tick) => {
    const timer = { intervalMs, tick, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const tick = () => timers.filter((timer) => !timer.cancelled).forEach((timer) => timer.tick());
  return { every, timers, tick };
};

/** A handler whose runs finish when the test says so. */
const controllableHandler = () => {
  const calls: Array<{ event: unknown; context: Context; finish: () => void; fail: (error: Error) => void }> = [];
  const handler: LambdaHandler = (event, context) =>
    new Promise((resolve, reject) => {
      calls.push({ event, context, finish: () => resolve({ done: true }), fail: reject });
    });
  return { handler, calls };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

const clockAt = (iso: string) => () => new Date(iso);

/** One job, so that the tests below do not depend on how many jobs the system has. */
const slaSweepOnly = { 'sla-sweep': jobs['sla-sweep'] };

describe('rateMilliseconds', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(7 days)', 604_800_000],
  ])('reads %s as %i ms', (expression, ms) => {
    // Act + Assess
    expect(rateMilliseconds(expression)).toBe(ms);
  });

  it.each([
    'cron(0 12 * * ? *)',
    'at(2025-03-01T12:00:00)',
    'rate(0 minutes)',
    'rate(1 minutes)',
    'rate(5 minute)',
    'rate(5 seconds)',
    'rate(-1 hours)',
    'rate( 5 minutes )',
    '',
  ])('refuses %j, naming the form it accepts', (expression) => {
    // Act + Assess
    expect(() => rateMilliseconds(expression)).toThrow(ScheduleExpressionError);
    expect(() => rateMilliseconds(expression)).toThrow(/use rate\(<n> minute\|minutes\|hour\|hours\|day\|days\)/);
  });
});

describe('parseSchedule', () => {
  it.each([['cron(0 3 1 1,4,7,10 ? *)'], ['cron(0 12 * * ? *)'], ['cron(30 6 ? * MON-FRI *)'], ['cron(0 0 L * ? 2027)']])(
    'reads %s as a cron (calendar) schedule',
    (expression) => {
      // Act + Assess
      expect(parseSchedule(expression)).toEqual({ kind: 'cron', expression });
    },
  );

  it('reads a rate as its interval', () => {
    // Act + Assess
    expect(parseSchedule('rate(15 minutes)')).toEqual({ kind: 'rate', intervalMs: 900_000 });
  });

  it.each([
    ['cron(0 3 1 1,4,7,10 ?)', /six fields/],
    ['cron(0  3 1 1,4,7,10 ? *)', /six fields/],
    ['cron(0/5 * * * ? *)', /one minute \(0-59\) and one hour \(0-23\)/],
    ['cron(0 * * * ? *)', /one minute \(0-59\) and one hour \(0-23\)/],
    ['cron(60 3 1 * ? *)', /one minute \(0-59\)/],
    ['cron(0 24 1 * ? *)', /one hour \(0-23\)/],
    ['cron(0 3 1 * MON *)', /exactly one of day-of-month and day-of-week is \?/],
    ['cron(0 3 ? * ? *)', /exactly one of day-of-month and day-of-week is \?/],
    ['cron(0 3 1 1;4 ? *)', /character EventBridge does not accept/],
    ['at(2025-03-01T12:00:00)', /use rate\(<n> minute/],
    ['', /use rate\(<n> minute/],
  ])('refuses %j, saying why and naming both accepted forms', (expression, why) => {
    // Act + Assess
    expect(() => parseSchedule(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseSchedule(expression)).toThrow(why);
    expect(() => parseSchedule(expression)).toThrow(/or cron\(<minute> <hour> <day-of-month> <month> <day-of-week> <year>\)/);
  });
});

describe('runWorthMilliseconds (how long a missed run is worth retrying)', () => {
  it('is one interval for a rate: the next tick supersedes the run', () => {
    // Act + Assess
    expect(runWorthMilliseconds('rate(5 minutes)')).toBe(300_000);
  });

  it('is a day for a cron job: it runs at most daily, the quarterly audit months apart', () => {
    // Act + Assess
    expect(runWorthMilliseconds(jobs['security-audit'].schedule)).toBe(86_400_000);
  });
});

describe('the local scheduler', () => {
  it('starts one timer per job, at the interval of its rate', () => {
    // Prepare
    const timers = manualTimers();

    // Act
    const scheduler = startScheduler({ jobs, loadHandler: async () => async () => undefined, every: timers.every });

    // Assess
    const rateJobs = Object.entries(jobs).filter(([, job]) => job.schedule.startsWith('rate('));
    expect(timers.timers.map((timer) => timer.intervalMs)).toEqual(rateJobs.map(([, job]) => rateMilliseconds(job.schedule)));
    expect(scheduler.jobs.map((job) => job.name)).toEqual(rateJobs.map(([name]) => name));
  });

  it("invokes the job function's handler with { job, time: the tick } and a Lambda-like context", async () => {
    // Prepare
    const timers = manualTimers();
    const { handler, calls } = controllableHandler();
    const loaded: string[] = [];
    startScheduler({
      jobs: slaSweepOnly,
      loadHandler: async (name) => (loaded.push(name), handler),
      every: timers.every,
      now: clockAt('2025-03-01T12:00:00.000Z'),
    });

    // Act
    timers.tick();
    await settle();

    // Assess
    expect(loaded).toEqual(['slaSweep']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.event).toEqual({ job: 'sla-sweep', time: '2025-03-01T12:00:00.000Z' });
    expect(calls[0]?.context.functionName).toBe(functions.slaSweep.logicalId);
    expect(calls[0]?.context.getRemainingTimeInMillis()).toBeLessThanOrEqual(functions.slaSweep.timeoutSeconds * 1000);
    expect(calls[0]?.context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('never runs a job twice at once: a tick during a run is skipped, the one after runs', async () => {
    // Prepare
    const timers = manualTimers();
    const { handler, calls } = controllableHandler();
    const log: Array<Record<string, unknown>> = [];
    const scheduler = startScheduler({
      jobs: slaSweepOnly,
      loadHandler: async () => handler,
      every: timers.every,
      log: (line) => log.push(line),
    });
    timers.tick();
    await settle();

    // Act
    timers.tick();
    await settle();
    const runsWhileBusy = calls.length;
    const runningWhileBusy = scheduler.running();
    calls[0]?.finish();
    await settle();
    timers.tick();
    await settle();

    // Assess
    expect(runsWhileBusy).toBe(1);
    expect(runningWhileBusy).toEqual(['sla-sweep']);
    expect(log).toContainEqual({ msg: 'job skipped: previous run still running', job: 'sla-sweep' });
    expect(calls).toHaveLength(2);
  });

  it('logs a failed run by error name only, keeps running, and runs again on the next tick', async () => {
    // Prepare
    const timers = manualTimers();
    const { handler, calls } = controllableHandler();
    const log: Array<Record<string, unknown>> = [];
    startScheduler({ jobs: slaSweepOnly, loadHandler: async () => handler, every: timers.every, log: (line) => log.push(line) });
    timers.tick();
    await settle();

    // Act
    const failure = new TypeError('complaint cmp_1 of alice@example.com has no due date');
    calls[0]?.fail(failure);
    await settle();
    timers.tick();
    await settle();

    // Assess
    const failed = log.find((line) => line.msg === 'job failed');
    expect(failed).toMatchObject({ job: 'sla-sweep', errorName: 'TypeError' });
    expect(JSON.stringify(log)).not.toContain('alice@example.com');
    expect(calls).toHaveLength(2);
  });

  it('logs a handler that cannot be loaded as a failed run, without crashing', async () => {
    // Prepare
    const timers = manualTimers();
    const log: Array<Record<string, unknown>> = [];
    startScheduler({
      jobs: slaSweepOnly,
      loadHandler: () => Promise.reject(Object.assign(new Error('Cannot find module'), { name: 'ModuleNotFoundError' })),
      every: timers.every,
      log: (line) => log.push(line),
    });

    // Act
    timers.tick();
    await settle();

    // Assess
    expect(log).toContainEqual(
      expect.objectContaining({ msg: 'job failed', job: 'sla-sweep', errorName: 'ModuleNotFoundError' }),
    );
  });

  it('stops its timers and waits for the run in flight', async () => {
    // Prepare
    const timers = manualTimers();
    const { handler, calls } = controllableHandler();
    const scheduler = startScheduler({ jobs: slaSweepOnly, loadHandler: async () => handler, every: timers.every });
    timers.tick();
    await settle();

    // Act
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await settle();
    const stoppedBeforeRunEnded = stopped;
    calls[0]?.finish();
    await stopping;
    timers.tick();
    await settle();

    // Assess
    expect(stoppedBeforeRunEnded).toBe(false);
    expect(stopped).toBe(true);
    expect(timers.timers.every((timer) => timer.cancelled)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('refuses to start with a schedule it cannot run locally', () => {
    // Prepare
    const atJob = { ...jobs['sla-sweep'], schedule: 'at(2026-03-01T12:00:00)' } as unknown as JobDefinition;
    const timers = manualTimers();

    // Act
    const starting = () =>
      startScheduler({ jobs: { 'sla-sweep': atJob }, loadHandler: async () => async () => undefined, every: timers.every });

    // Assess
    expect(starting).toThrow(/Cannot run the schedule "at\(2026-03-01T12:00:00\)"/);
    expect(timers.timers).toEqual([]);
  });

  it('refuses a cron schedule that would run more than once a day, before starting any timer', () => {
    // Prepare
    const everyFiveMinutes = { ...jobs['sla-sweep'], schedule: 'cron(0/5 * * * ? *)' } as unknown as JobDefinition;
    const timers = manualTimers();

    // Act
    const starting = () =>
      startScheduler({
        jobs: { ...slaSweepOnly, 'security-audit': everyFiveMinutes },
        loadHandler: async () => async () => undefined,
        every: timers.every,
      });

    // Assess
    expect(starting).toThrow(/Cannot run the schedule "cron\(0\/5 \* \* \* \? \*\)" \(a cron job names one minute/);
    expect(timers.timers).toEqual([]);
  });

  it('leaves a calendar (cron) schedule to `npm run job` and runs the others', () => {
    // Prepare
    const cronJob = { ...jobs['sla-sweep'], schedule: 'cron(0 3 1 1,4,7,10 ? *)' } as unknown as JobDefinition;
    const timers = manualTimers();

    // Act
    const scheduler = startScheduler({
      jobs: { 'security-audit': cronJob, ...slaSweepOnly },
      loadHandler: async () => async () => undefined,
      every: timers.every,
    });

    // Assess
    expect(scheduler.jobs.map((job) => job.name)).toEqual(['sla-sweep']);
    expect(timers.timers).toHaveLength(1);
    expect(scheduler.onDemandJobs).toEqual([{ name: 'security-audit', schedule: 'cron(0 3 1 1,4,7,10 ? *)' }]);
  });
});
