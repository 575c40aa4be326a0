/**
 * `npm run job -- <job> [--now <ISO 8601 time>] [--quarter 2026-Q4]`: runs one scheduled job once
 * against the running local stack (`npm start`) and prints the handler's result as JSON. `--now`
 * sets the job's clock, so the effect of time passing (an SLA breach tomorrow) shows without
 * waiting; `--quarter` names the quarter of a quarterly job (the transparency report).
 * Exit codes: 0 done, 1 the stack is not running or the job failed, 2 usage error.
 */
import { parseArgs } from 'node:util';
import {
  describeJobs,
  JobUsageError,
  LocalStackNotRunningError,
  parseJobName,
  parseNow,
  parseQuarter,
  runJob,
  runTtlSweep,
  TTL_SWEEP,
} from '#infra/local/run-job.ts';

const usage = `usage: npm run job -- <job> [--now <ISO 8601 time, e.g. 2025-03-01T12:00:00Z>] [--quarter <e.g. 2026-Q4, transparency-report only>]\njobs:\n${describeJobs()}`;

const main = async (): Promise<{ code: number; stdout?: string; stderr?: string }> => {
  let job: ReturnType<typeof parseJobName>;
  let now: ReturnType<typeof parseNow>;
  let quarter: ReturnType<typeof parseQuarter>;
  try {
    const { values, positionals } = parseArgs({ options: { now: { type: 'string' }, quarter: { type: 'string' } }, allowPositionals: true });
    if (positionals.length > 1) throw new JobUsageError(`Run one job at a time; got ${positionals.join(', ')}`);
    if (positionals[0] === TTL_SWEEP) return await sweep(parseNow(values.now));
    job = parseJobName(positionals[0]);
    now = parseNow(values.now);
    quarter = parseQuarter(job, values.quarter);
  } catch (error) {
    return { code: 2, stderr: `${(error as Error).message}\n${usage}` };
  }
  const root = process.env.LOCAL_STACK_ROOT;
  // The function logs to stdout, as in Lambda; here stdout is for the result alone (`| jq` works),
  // so while the job runs, whatever it writes there goes to stderr.
  const stdoutWrite = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    const { result } = await runJob({ job, now, quarter, ...(root && { root }) });
    return { code: 0, stdout: JSON.stringify(result ?? null, null, 2) };
  } catch (error) {
    if (error instanceof LocalStackNotRunningError) return { code: 1, stderr: error.message };
    return { code: 1, stderr: `${job} failed: ${(error as Error)?.name}: ${(error as Error)?.message}` };
  } finally {
    process.stdout.write = stdoutWrite;
  }
};

/** `ttl-sweep`: the local time-to-live emulation, one pass as of `now`; prints the items deleted per table. */
const sweep = async (now: Date): Promise<{ code: number; stdout?: string; stderr?: string }> => {
  const root = process.env.LOCAL_STACK_ROOT;
  try {
    return { code: 0, stdout: JSON.stringify(await runTtlSweep({ now, ...(root && { root }) }), null, 2) };
  } catch (error) {
    if (error instanceof LocalStackNotRunningError) return { code: 1, stderr: error.message };
    return { code: 1, stderr: `${TTL_SWEEP} failed: ${(error as Error)?.name}: ${(error as Error)?.message}` };
  }
};

const { code, stdout, stderr } = await main();
if (stderr) process.stderr.write(`${stderr}\n`);
// Exit once the output is flushed: the SDK clients' open sockets would otherwise hold the process.
process.stdout.write(stdout === undefined ? '' : `${stdout}\n`, () => process.exit(code));
