import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { commonEnv, metricsNamespace } from '#shared/manifest/platform.ts';

/**
 * CloudWatch metrics in the embedded metric format: buffered during an invocation and written to
 * stdout as one EMF line when the entry point flushes them (the API handler, the job handler and
 * `observedHandler` do). Every metric has the same two dimensions, `stage` and `function` (the
 * function's name in the manifest, from POWERTOOLS_SERVICE_NAME), in the one namespace of the
 * platform. Metric names and dimensions are fixed words: never an id, never personal data.
 */
const createMetrics = (env: NodeJS.ProcessEnv = process.env): Metrics => {
  const metrics = new Metrics({ namespace: env[commonEnv.metricsNamespace] || metricsNamespace });
  // Powertools adds a `service` dimension by default; `function` names the same thing.
  metrics.clearDefaultDimensions();
  metrics.setDefaultDimensions({
    stage: env[commonEnv.stage] || 'unknown',
    function: env[commonEnv.serviceName] || 'unknown',
  });
  return metrics;
};

/** The function's one Metrics, created when the function loads. */
export const metrics = createMetrics();

/** Adds `count` to the counter `name` of this invocation. */
export const countMetric = (name: string, count = 1): void => {
  metrics.addMetric(name, MetricUnit.Count, count);
};

/** Writes what this invocation counted, if anything, and empties the buffer. */
const flushMetrics = (): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};

/**
 * A Lambda entry point whose metrics are flushed after each invocation, whether it returns or
 * throws: for the entry points not built on `createApiHandler` or `createJobHandler` (queue
 * consumers, event rule targets).
 */
export const observedHandler =
  <Event, Result>(handler: (event: Event, context: Context) => Promise<Result>) =>
  async (event: Event, context: Context): Promise<Result> => {
    try {
      return await handler(event, context);
    } finally {
      flushMetrics();
    }
  };
