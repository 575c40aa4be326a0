import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ConfigError, readStage } from '#shared/config.ts';
import { problems } from '#shared/http/problem.ts';
import { originVerification } from '#shared/manifest/platform.ts';

/** The values of the origin secret the API accepts: the current one and, during a rotation, the previous one. */
export interface OriginSecrets {
  accepted(): Promise<readonly string[]>;
}

/** Refuses (403 problem) a request that did not come through the platform's CloudFront distribution. */
export interface OriginCheck {
  verify(event: APIGatewayProxyEventV2): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();
/** Compared as digests of equal length, in constant time: the answer's timing tells nothing of the secret. */
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/**
 * CloudFront sends the viewer's address as `CloudFront-Viewer-Address: <ip>:<port>` (IPv6
 * unbracketed); the gateway's own `sourceIp` is CloudFront's. Only trusted once the origin header
 * proved that the request came through the distribution.
 */
const viewerAddressOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const value = event.headers?.['cloudfront-viewer-address'];
  const separator = value?.lastIndexOf(':') ?? -1;
  return value && separator > 0 ? value.slice(0, separator) : undefined;
};

export const createOriginCheck = (secrets: OriginSecrets): OriginCheck => ({
  async verify(event) {
    const given = event.headers?.[originVerification.header];
    const accepted = given ? await secrets.accepted() : [];
    if (!given || !accepted.some((value) => sameSecret(given, value))) {
      throw problems.forbidden("Call the API through the platform's address, not the API's own endpoint.");
    }
    // Every route (and the anonymous notices' per-address limits) then reads the viewer's address where it always did.
    const viewer = viewerAddressOf(event);
    if (viewer) event.requestContext.http.sourceIp = viewer;
  },
});

const CACHE_MS = 60_000;

/**
 * The secret read through the AWS Parameters and Secrets Lambda extension (a layer of the
 * functions that serve routes; it caches too), AWSCURRENT and, when there is one, AWSPREVIOUS.
 * Kept for a minute in the process, so a request costs no call.
 */
const extensionOriginSecrets = (secretArn: string, env: NodeJS.ProcessEnv): OriginSecrets => {
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const read = async (versionStage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> => {
    const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretArn)}&versionStage=${versionStage}`;
    const response = await fetch(url, { headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' } });
    if (!response.ok) {
      // A secret never rotated has no previous version; without a current one nothing is accepted.
      if (versionStage === 'AWSPREVIOUS') return undefined;
      throw new Error(`origin secret unavailable (status ${response.status})`);
    }
    return ((await response.json()) as { SecretString?: string }).SecretString;
  };
  let cached: { values: readonly string[]; until: number } | undefined;
  return {
    async accepted() {
      if (cached && cached.until > Date.now()) return cached.values;
      const values = (await Promise.all([read('AWSCURRENT'), read('AWSPREVIOUS')])).filter((value): value is string => Boolean(value));
      cached = { values, until: Date.now() + CACHE_MS };
      return values;
    },
  };
};

/**
 * The check of the function's stage: none on the local stage (no CloudFront there), on in every
 * other one, where a missing secret ARN is a configuration error at cold start, never an open door.
 */
export const originCheckFromEnvironment = (env: NodeJS.ProcessEnv = process.env): OriginCheck | undefined => {
  if (readStage(env) === 'local') return undefined;
  const secretArn = env[originVerification.secretArnEnv];
  if (!secretArn) throw new ConfigError(`${originVerification.secretArnEnv} is required outside the local stage`);
  return createOriginCheck(extensionOriginSecrets(secretArn, env));
};
