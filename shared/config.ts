import * as z from 'zod';
import { commonEnv, stages, tables, type TableName } from '#infra/resources.ts';

/**
 * Configuration is read from the environment once, at start-up, and validated: a function with
 * missing or contradictory settings fails at cold start with a message naming the variable,
 * instead of failing later on a request.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const keyConfig = z.union([
  z.object({ kind: z.literal('kms'), keyArn: z.string().startsWith('arn:') }),
  z.object({ kind: z.literal('local'), keyFile: z.string().min(1) }),
]);
export type DataKeyConfig = z.infer<typeof keyConfig>;

export interface BaseConfig {
  stage: (typeof stages)[number];
}

const readVar = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`Missing environment variable ${name}`);
  return value;
};

export const readStage = (env: NodeJS.ProcessEnv = process.env): BaseConfig['stage'] => {
  const stage = readVar(env, commonEnv.stage);
  const parsed = z.enum(stages).safeParse(stage);
  if (!parsed.success) throw new ConfigError(`${commonEnv.stage} must be one of ${stages.join(', ')}; got "${stage}"`);
  return parsed.data;
};

export const readTableName = (table: TableName, env: NodeJS.ProcessEnv = process.env): string =>
  readVar(env, tables[table].envVar);

/** KMS in AWS; the raw local key only on the local stage, never in a deployed one. */
export const readDataKeyConfig = (env: NodeJS.ProcessEnv = process.env): DataKeyConfig => {
  const stage = readStage(env);
  const keyArn = env[commonEnv.dataKeyArn];
  const keyFile = env[commonEnv.localKeyFile];
  if (keyArn) {
    const parsed = keyConfig.safeParse({ kind: 'kms', keyArn });
    if (!parsed.success) throw new ConfigError(`${commonEnv.dataKeyArn} must be a KMS key ARN; got "${keyArn}"`);
    return parsed.data;
  }
  if (keyFile && stage === 'local') return { kind: 'local', keyFile };
  throw new ConfigError(
    stage === 'local'
      ? `Set ${commonEnv.localKeyFile} (the local stack does) or ${commonEnv.dataKeyArn}`
      : `Missing environment variable ${commonEnv.dataKeyArn}`,
  );
};
