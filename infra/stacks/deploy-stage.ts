import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Stage } from '#infra/manifest.ts';

/** The stages `cdk deploy` can target; `local` only exists on a laptop (infra/local). */
const deployStages = ['dev', 'prod'] as const satisfies readonly Stage[];
export type DeployStage = (typeof deployStages)[number];

const isDeployStage = (value: unknown): value is DeployStage =>
  deployStages.some((stage) => stage === value);

/** Validates the `stage` context value (`cdk synth -c stage=prod`); absent means dev. */
export function parseDeployStage(value: unknown): DeployStage {
  if (value === undefined) return 'dev';
  if (isDeployStage(value)) return value;
  throw new Error(
    `Unknown stage ${JSON.stringify(value)}: pass -c stage=${deployStages.join(' or -c stage=')}.`,
  );
}

/** What differs between stages. Everything else is identical, so dev rehearses prod. */
export interface StageSettings {
  stage: DeployStage;
  /** Data (tables, key, user pool) survives `cdk destroy` and cannot be deleted by accident. */
  protectData: boolean;
  dataRemovalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** Default route throttling of the HTTP API stage (requests per second, burst). */
  throttle: { rateLimit: number; burstLimit: number };
  /** How long the event bus archive keeps domain events for replay. */
  eventArchiveRetention: Duration;
}

export function stageSettings(stage: DeployStage): StageSettings {
  const prod = stage === 'prod';
  return {
    stage,
    protectData: prod,
    dataRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
    logRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    throttle: prod ? { rateLimit: 100, burstLimit: 200 } : { rateLimit: 20, burstLimit: 40 },
    eventArchiveRetention: prod ? Duration.days(365) : Duration.days(30),
  };
}
