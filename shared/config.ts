import { commonEnv, stages, type Stage } from '#shared/manifest/platform.ts';
import type { TableDefinition } from '#shared/manifest/types.ts';

/**
 * Configuration is read from the environment once, at start-up, and validated: a function with
 * missing or contradictory settings fails at cold start with a message naming the variable,
 * instead of failing later on a request.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type DataKeyConfig = { kind: 'kms'; keyArn: string } | { kind: 'local'; keyFile: string };

const readVar = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`Missing environment variable ${name}`);
  return value;
};

const isStage = (value: string): value is Stage => (stages as readonly string[]).includes(value);

export const readStage = (env: NodeJS.ProcessEnv = process.env): Stage => {
  const stage = readVar(env, commonEnv.stage);
  if (!isStage(stage)) throw new ConfigError(`${commonEnv.stage} must be one of ${stages.join(', ')}; got "${stage}"`);
  return stage;
};

/** The name of a table of the manifest, which the stack passes in the table's environment variable. */
export const readTableName = (table: Pick<TableDefinition, 'envVar'>, env: NodeJS.ProcessEnv = process.env): string =>
  readVar(env, table.envVar);

/** KMS in AWS; the raw local key only on the local stage, never in a deployed one. */
export const readDataKeyConfig = (env: NodeJS.ProcessEnv = process.env): DataKeyConfig => {
  const stage = readStage(env);
  const keyArn = env[commonEnv.dataKeyArn];
  const keyFile = env[commonEnv.localKeyFile];
  if (keyArn) {
    if (!keyArn.startsWith('arn:')) throw new ConfigError(`${commonEnv.dataKeyArn} must be a KMS key ARN; got "${keyArn}"`);
    return { kind: 'kms', keyArn };
  }
  if (keyFile && stage === 'local') return { kind: 'local', keyFile };
  throw new ConfigError(
    stage === 'local'
      ? `Set ${commonEnv.localKeyFile} (the local stack does) or ${commonEnv.dataKeyArn}`
      : `Missing environment variable ${commonEnv.dataKeyArn}`,
  );
};

export type PseudonymKeyConfig = { kind: 'kms'; keyArn: string } | { kind: 'local'; keyFile: string };

/** The MAC key for pseudonyms: a KMS HMAC key in AWS, a local key file only on the local stage. */
export const readPseudonymKeyConfig = (env: NodeJS.ProcessEnv = process.env): PseudonymKeyConfig => {
  const stage = readStage(env);
  const keyArn = env[commonEnv.pseudonymKeyArn];
  const keyFile = env[commonEnv.localPseudonymKeyFile];
  if (keyArn) {
    if (!keyArn.startsWith('arn:')) throw new ConfigError(`${commonEnv.pseudonymKeyArn} must be a KMS key ARN; got "${keyArn}"`);
    return { kind: 'kms', keyArn };
  }
  if (keyFile && stage === 'local') return { kind: 'local', keyFile };
  throw new ConfigError(`Missing environment variable ${commonEnv.pseudonymKeyArn}`);
};

export const readEventBusName = (env: NodeJS.ProcessEnv = process.env): string => readVar(env, commonEnv.eventBusName);
