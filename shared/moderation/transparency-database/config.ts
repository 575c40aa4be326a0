import { ConfigError, readStage } from '#shared/config.ts';

/** How the submission job finds the Commission's Transparency Database and its token. */
export const transparencyDatabaseEnv = {
  /** The database's base URL (`https://transparency.dsa.ec.europa.eu`, or its sandbox); absent = submission disabled. */
  url: 'TRANSPARENCY_DATABASE_URL',
  /** In AWS: the Secrets Manager secret holding the API token (read through the Parameters and Secrets extension). */
  tokenSecretArn: 'TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN',
  /** On the local stage only: the local fake's token itself. */
  localToken: 'TRANSPARENCY_DATABASE_LOCAL_TOKEN',
} as const;

export interface TransparencyDatabaseConfig {
  baseUrl: string;
  /** The bearer token: read when needed, never logged. */
  token: () => Promise<string>;
}

const TOKEN_CACHE_MS = 60_000;

/**
 * The token read through the AWS Parameters and Secrets Lambda extension, kept for a minute in
 * the process: a new token (the database invalidates the old one when it issues one) is used
 * within a minute of being put in the secret.
 */
const extensionToken = (secretArn: string, env: NodeJS.ProcessEnv): (() => Promise<string>) => {
  let cached: { value: string; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.value;
    const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
    const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretArn)}`;
    const response = await fetch(url, { headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' } });
    const value = response.ok ? ((await response.json()) as { SecretString?: string }).SecretString : undefined;
    if (!value) throw new ConfigError(`The Transparency Database token secret is unavailable (status ${response.status})`);
    cached = { value, until: Date.now() + TOKEN_CACHE_MS };
    return value;
  };
};

/**
 * The database the job sends to, or undefined when none is configured (the job then records that
 * it is disabled and sends nothing). A URL without its token is a configuration error: https
 * outside the local stage, the token from the secret in AWS and from the environment locally.
 */
export const transparencyDatabaseFromEnvironment = (env: NodeJS.ProcessEnv = process.env): TransparencyDatabaseConfig | undefined => {
  const baseUrl = env[transparencyDatabaseEnv.url]?.trim();
  if (!baseUrl) return undefined;
  const local = readStage(env) === 'local';
  if (!URL.canParse(baseUrl) || (!local && new URL(baseUrl).protocol !== 'https:')) {
    throw new ConfigError(`${transparencyDatabaseEnv.url} must be an https URL`);
  }
  const localToken = env[transparencyDatabaseEnv.localToken];
  if (local && localToken) return { baseUrl, token: async () => localToken };
  const secretArn = env[transparencyDatabaseEnv.tokenSecretArn];
  if (!secretArn) throw new ConfigError(`${transparencyDatabaseEnv.tokenSecretArn} is required with ${transparencyDatabaseEnv.url}`);
  return { baseUrl, token: extensionToken(secretArn, env) };
};
