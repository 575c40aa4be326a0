import type * as z from 'zod/mini';
import { commonEnv, stages, type Stage } from '#shared/manifest/platform.ts';
import type { NumberSetting, TableDefinition } from '#shared/manifest/types.ts';

/**
 * Configuration is read from the environment once, at start-up, and validated: a function with
 * missing or contradictory settings fails at cold start with a message naming the variable,
 * instead of failing later on a request.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where a KMS key comes from: its ARN in AWS; a key file only on the local stage, never in a deployed one. */
export type KeyConfig = { kind: 'kms'; keyArn: string } | { kind: 'local'; keyFile: string };
export type DataKeyConfig = KeyConfig;
export type PseudonymKeyConfig = KeyConfig;

/** A variable the function cannot start without: its value, or a ConfigError naming it. */
export const readVar = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`Missing environment variable ${name}`);
  return value;
};

/** A variable holding JSON of the schema's shape; `what` names it in the error ("<NAME> is not <what>"). */
export const readJsonVar = <T>(env: NodeJS.ProcessEnv, name: string, schema: z.ZodMiniType<T>, what: string): T => {
  const raw = readVar(env, name);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${name} is not ${what}`);
  return parsed.data;
};

/**
 * A setting's value from the environment: its fallback when the variable is unset or empty;
 * otherwise within [min, max] (and whole when the setting says so), or a ConfigError naming it.
 */
export const readSetting = (setting: NumberSetting, env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env[setting.env]?.trim();
  if (raw === undefined || raw === '') return setting.fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (setting.whole && !Number.isInteger(value)) || value < setting.min || value > setting.max) {
    throw new ConfigError(`${setting.env} must be ${settingRule(setting)}; got "${raw}"`);
  }
  return value;
};

/** The rule in words, e.g. "a whole number of days from 0 to 365". */
export const settingRule = (setting: NumberSetting): string =>
  `${setting.whole ? 'a whole number' : 'a number'}${setting.unit ? ` of ${setting.unit}` : ''} from ${setting.min} to ${setting.max}`;

const isStage = (value: string): value is Stage => (stages as readonly string[]).includes(value);

export const readStage = (env: NodeJS.ProcessEnv = process.env): Stage => {
  const stage = readVar(env, commonEnv.stage);
  if (!isStage(stage)) throw new ConfigError(`${commonEnv.stage} must be one of ${stages.join(', ')}; got "${stage}"`);
  return stage;
};

/** The name of a table of the manifest, which the stack passes in the table's environment variable. */
export const readTableName = (table: Pick<TableDefinition, 'envVar'>, env: NodeJS.ProcessEnv = process.env): string =>
  readVar(env, table.envVar);

/** One reader for every key, so the data key and the pseudonym key are configured (and refused) alike. */
const readKeyConfig = (env: NodeJS.ProcessEnv, variables: { keyArn: string; localKeyFile: string }): KeyConfig => {
  const stage = readStage(env);
  const keyArn = env[variables.keyArn];
  const keyFile = env[variables.localKeyFile];
  if (keyArn) {
    if (!keyArn.startsWith('arn:')) throw new ConfigError(`${variables.keyArn} must be a KMS key ARN; got "${keyArn}"`);
    return { kind: 'kms', keyArn };
  }
  if (keyFile && stage === 'local') return { kind: 'local', keyFile };
  throw new ConfigError(
    stage === 'local'
      ? `Set ${variables.localKeyFile} (the local stack does) or ${variables.keyArn}`
      : `Missing environment variable ${variables.keyArn}`,
  );
};

/** The key of the Encryption SDK that seals personal data. */
export const readDataKeyConfig = (env: NodeJS.ProcessEnv = process.env): KeyConfig =>
  readKeyConfig(env, { keyArn: commonEnv.dataKeyArn, localKeyFile: commonEnv.localKeyFile });

/** The MAC key for pseudonyms: a KMS HMAC key in AWS. */
export const readPseudonymKeyConfig = (env: NodeJS.ProcessEnv = process.env): KeyConfig =>
  readKeyConfig(env, { keyArn: commonEnv.pseudonymKeyArn, localKeyFile: commonEnv.localPseudonymKeyFile });

export const readEventBusName = (env: NodeJS.ProcessEnv = process.env): string => readVar(env, commonEnv.eventBusName);
