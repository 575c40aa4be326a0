import { generateKeyPair } from 'jose';
import { functions, routes } from '#infra/manifest.ts';
import { startGateway } from '#infra/local/gateway.ts';
import { createLocalAuthorizer, issueToken, routeScopesOf, type AuthorizerResult } from '#infra/local/identity.ts';
import type { Section } from './section.ts';
import { median, percentile, round } from './stats.ts';
import { fixed, formatTable } from './table.ts';

/**
 * What the API's Lambda authorizer (shared/identity, on aws-jwt-verify) adds per request:
 * 1. one verification of a staff token with the JWKS cached (the warm Lambda's case), in µs;
 * 2. a request through the local gateway running that authorizer, next to the same gateway and
 *    route with a pass-through authorizer, interleaved in the same run (the difference is the
 *    authorizer's share). In AWS, API Gateway caches the answer per token for five minutes, so
 *    most requests pay neither.
 * BENCH_AUTHORIZER_VERIFICATIONS (default 5,000) and BENCH_AUTHORIZER_REQUESTS (default 1,000).
 */
const verifications = Number(process.env.BENCH_AUTHORIZER_VERIFICATIONS ?? 5_000);
const requests = Number(process.env.BENCH_AUTHORIZER_REQUESTS ?? 1_000);
const route = 'GET /v1/complaints/{id}';

const microseconds = (startNs: bigint) => Number(process.hrtime.bigint() - startNs) / 1_000;

const measureVerification = async (authorize: (header: string, routeKey: string) => Promise<AuthorizerResult>, header: string) => {
  for (let i = 0; i < 200; i++) await authorize(header, route);
  const samples: number[] = [];
  for (let i = 0; i < verifications; i++) {
    const start = process.hrtime.bigint();
    const result = await authorize(header, route);
    samples.push(microseconds(start));
    if (!result.ok) throw new Error(`The bench token was refused: ${result.reason}`);
  }
  return samples;
};

/** Sequential requests, alternating between the two gateways so that both see the same machine state. */
const measureRequests = async (urls: { baseline: string; authorizer: string }, header: string) => {
  const samples = { baseline: [] as number[], authorizer: [] as number[] };
  const once = async (url: string) => {
    const start = process.hrtime.bigint();
    const response = await fetch(`${url}/v1/complaints/c-1`, { headers: { authorization: header } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`The gateway answered ${response.status}`);
    return microseconds(start);
  };
  for (let i = 0; i < 100; i++) await Promise.all([once(urls.baseline), once(urls.authorizer)]);
  for (let i = 0; i < requests; i++) {
    // Either goes first every other time, so that neither always follows the other.
    if (i % 2 === 0) samples.baseline.push(await once(urls.baseline));
    samples.authorizer.push(await once(urls.authorizer));
    if (i % 2 === 1) samples.baseline.push(await once(urls.baseline));
  }
  return samples;
};

export const authorizerSection: Section = async () => {
  const keys = { ...(await generateKeyPair('RS256')), kid: 'bench-1' };
  const authorizer = await createLocalAuthorizer(keys, routeScopesOf(routes));
  const header = `Bearer ${await issueToken(keys, { sub: 'bench-agent', role: 'agent' })}`;
  const verify = await measureVerification(authorizer.authorize, header);

  const verified = await authorizer.authorize(header, route);
  const stub = { loadHandler: async () => async () => ({ statusCode: 200, body: '{}' }), routes, functions, port: 0 };
  const baseline = await startGateway({ ...stub, authorize: async () => verified });
  // The authorizer's own time inside the gateway, next to the round trips it is part of.
  const inGateway: number[] = [];
  const timedAuthorize = async (authorization: string | undefined, routeKey: string) => {
    const start = process.hrtime.bigint();
    const result = await authorizer.authorize(authorization, routeKey);
    inGateway.push(microseconds(start));
    return result;
  };
  const withAuthorizer = await startGateway({ ...stub, authorize: timedAuthorize });
  let through: Awaited<ReturnType<typeof measureRequests>>;
  try {
    through = await measureRequests({ baseline: baseline.url, authorizer: withAuthorizer.url }, header);
  } finally {
    await Promise.all([baseline.stop(), withAuthorizer.stop()]);
  }

  const figures = {
    verifyMicroseconds: { p50: round(median(verify)), p99: round(percentile(verify, 99)), mean: round(verify.reduce((a, b) => a + b, 0) / verify.length) },
    verifyInGatewayMicroseconds: { p50: round(median(inGateway)), p99: round(percentile(inGateway, 99)) },
    requestMicroseconds: {
      baseline: { p50: round(median(through.baseline)), p99: round(percentile(through.baseline, 99)) },
      authorizer: { p50: round(median(through.authorizer)), p99: round(percentile(through.authorizer, 99)) },
    },
  };
  const added = figures.requestMicroseconds.authorizer.p50 - figures.requestMicroseconds.baseline.p50;
  const table = formatTable(
    [{ header: 'per request (µs)' }, { header: 'p50', align: 'right' }, { header: 'p99', align: 'right' }],
    [
      ['verify a staff token, JWKS cached', fixed(figures.verifyMicroseconds.p50), fixed(figures.verifyMicroseconds.p99)],
      ['the same, inside the gateway (between requests)', fixed(figures.verifyInGatewayMicroseconds.p50), fixed(figures.verifyInGatewayMicroseconds.p99)],
      ['local gateway, pass-through authorizer', fixed(figures.requestMicroseconds.baseline.p50), fixed(figures.requestMicroseconds.baseline.p99)],
      ['local gateway, Lambda authorizer code', fixed(figures.requestMicroseconds.authorizer.p50), fixed(figures.requestMicroseconds.authorizer.p99)],
    ],
  );
  return {
    lines: [
      `Authorizer: ${verifications} verifications, ${requests} requests per gateway (${route}, stub handler)`,
      table,
      `The authorizer adds ${fixed(added)} µs per request at the median (${fixed((added / figures.requestMicroseconds.baseline.p50) * 100)}%); API Gateway caches its answer per token for 5 minutes.`,
    ],
    targets: {},
    results: { authorizer: { ...figures, addedMicrosecondsP50: round(added) } },
    meta: { authorizerVerifications: verifications, authorizerRequests: requests },
  };
};
