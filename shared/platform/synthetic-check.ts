/**
 * The synthetic check: every five minutes, do what a client does and say whether it worked —
 * ask `GET /health/ready`, then make one authenticated read with a machine token obtained as an
 * integration obtains it (OAuth client credentials). Each probe has a deadline; a probe that
 * fails is reported with its status, never with a body (bodies are not logged).
 */

const SYNTHETIC_PROBE_PATH = '/v1/synthetic-probe';
const READINESS_PATH = '/health/ready';

/** The environment of the synthetic check (the stack sets it; the local stack too). */
export const syntheticCheckEnv = {
  baseUrl: 'SYNTHETIC_BASE_URL',
  tokenUrl: 'SYNTHETIC_TOKEN_URL',
  clientId: 'SYNTHETIC_CLIENT_ID',
  /** In AWS the secret is read from Cognito (DescribeUserPoolClient) with this pool id. */
  userPoolId: 'SYNTHETIC_USER_POOL_ID',
  /** Locally the client's secret is given directly. */
  localClientSecret: 'SYNTHETIC_LOCAL_CLIENT_SECRET',
} as const;

/** The metric the alarm watches: 1 for a failed run, 0 for a passed one (no data: the check did not run). */
export const SYNTHETIC_CHECK_FAILED_METRIC = 'SyntheticCheckFailed';

interface ProbeResult {
  probe: 'readiness' | 'authenticated-read';
  passed: boolean;
  /** The HTTP status, or null when no answer came (network error, deadline). */
  status: number | null;
  milliseconds: number;
}

export interface SyntheticCheckReport {
  passed: boolean;
  probes: ProbeResult[];
}

export interface SyntheticCheckPorts {
  /** Where clients reach the API (in AWS, the CloudFront distribution in front of it). */
  baseUrl: string;
  fetch: typeof fetch;
  accessToken: () => Promise<string>;
  nowMs: () => number;
  timeoutMs: number;
}

const probe = async (
  ports: SyntheticCheckPorts,
  name: ProbeResult['probe'],
  request: () => Promise<Response>,
  accept: (response: Response) => Promise<boolean>,
): Promise<ProbeResult> => {
  const started = ports.nowMs();
  try {
    const response = await request();
    const passed = await accept(response);
    return { probe: name, passed, status: response.status, milliseconds: ports.nowMs() - started };
  } catch {
    return { probe: name, passed: false, status: null, milliseconds: ports.nowMs() - started };
  }
};

export const runSyntheticCheck = async (ports: SyntheticCheckPorts): Promise<SyntheticCheckReport> => {
  const url = (path: string) => new URL(path, ports.baseUrl).toString();
  const readiness = await probe(
    ports,
    'readiness',
    () => ports.fetch(url(READINESS_PATH), { signal: AbortSignal.timeout(ports.timeoutMs) }),
    async (response) => response.status === 200 && ((await response.json()) as { status?: unknown }).status === 'ready',
  );
  const read = await probe(
    ports,
    'authenticated-read',
    async () =>
      ports.fetch(url(SYNTHETIC_PROBE_PATH), {
        headers: { authorization: `Bearer ${await ports.accessToken()}` },
        signal: AbortSignal.timeout(ports.timeoutMs),
      }),
    async (response) => {
      await response.body?.cancel();
      return response.status === 200;
    },
  );
  const probes = [readiness, read];
  return { passed: probes.every((p) => p.passed), probes };
};

/**
 * An access token from the OAuth client-credentials grant (RFC 6749 §4.4), kept until a minute
 * before it expires.
 */
export const clientCredentialsTokens = (options: {
  tokenUrl: string;
  clientId: string;
  clientSecret: () => Promise<string>;
  scope: string;
  fetch: typeof fetch;
  nowMs: () => number;
  timeoutMs: number;
}): (() => Promise<string>) => {
  let cached: { token: string; expiresAtMs: number } | undefined;
  return async () => {
    if (cached && options.nowMs() < cached.expiresAtMs - 60_000) return cached.token;
    const credentials = Buffer.from(`${options.clientId}:${await options.clientSecret()}`).toString('base64');
    const response = await options.fetch(options.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: options.scope }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status !== 200) throw new Error(`The token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new Error('The token endpoint answered no access token');
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    cached = { token: body.access_token, expiresAtMs: options.nowMs() + lifetimeSeconds * 1000 };
    return cached.token;
  };
};
