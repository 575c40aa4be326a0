import { countMetric } from '#shared/observability/metrics.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { readStage, readVar } from '#shared/config.ts';
import { fullScope } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import {
  clientCredentialsTokens,
  runSyntheticCheck,
  SYNTHETIC_CHECK_FAILED_METRIC,
  syntheticCheckEnv,
} from '#shared/platform/synthetic-check.ts';

/** Each probe's deadline; the function's timeout (30 s) leaves room for the token and both probes. */
const PROBE_TIMEOUT_MS = 8_000;

/** The client secret: in AWS from Cognito by the client's id (read once per container), locally from the environment. */
const clientSecretFrom = (env: NodeJS.ProcessEnv, clientId: string): (() => Promise<string>) => {
  if (readStage(env) === 'local') {
    const secret = readVar(env, syntheticCheckEnv.localClientSecret);
    return async () => secret;
  }
  const userPoolId = readVar(env, syntheticCheckEnv.userPoolId);
  let secret: Promise<string> | undefined;
  return () => {
    // A module of its own, imported by name: an import() of the package would bundle all of it.
    secret ??= import('#shared/platform/wiring/client-secret.ts').then(({ readClientSecret }) => readClientSecret(userPoolId, clientId));
    secret.catch(() => {
      secret = undefined;
    });
    return secret;
  };
};

/**
 * The scheduled synthetic check (every five minutes; locally `npm run job -- synthetic-check`):
 * it reports each probe and counts a failed run, which the stack's alarm watches. It does not
 * throw on a failed probe: a failure is the answer, not an error of the check.
 */
export const syntheticCheckHandlerFromEnvironment = (env: NodeJS.ProcessEnv = process.env) => {
  const logger = createLogger('synthetic-check');
  const clientId = readVar(env, syntheticCheckEnv.clientId);
  const accessToken = clientCredentialsTokens({
    tokenUrl: readVar(env, syntheticCheckEnv.tokenUrl),
    clientId,
    clientSecret: clientSecretFrom(env, clientId),
    scope: fullScope('platform.probe'),
    fetch,
    nowMs: Date.now,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  const baseUrl = readVar(env, syntheticCheckEnv.baseUrl);
  return createJobHandler({
    logger,
    job: 'synthetic-check',
    run: async () => {
      const report = await runSyntheticCheck({ baseUrl, fetch, accessToken, nowMs: Date.now, timeoutMs: PROBE_TIMEOUT_MS });
      countMetric(SYNTHETIC_CHECK_FAILED_METRIC, report.passed ? 0 : 1);
      if (!report.passed) logger.error('synthetic check failed', { probes: report.probes });
      return report;
    },
  });
};
