import { readFileSync } from 'node:fs';
import { ScanCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { validate } from '@readme/openapi-parser';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { fullScope, machineClients, queues, routes, tables } from '#infra/manifest.ts';
import { localClientSecretOf } from '#infra/local/identity.ts';
import { clientCredentialsTokens, runSyntheticCheck } from '#shared/platform/synthetic-check.ts';
import { http } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';

describe('public endpoints', () => {
  it('serves health without a token', async () => {
    const answer = await http('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.json.status).toBe('ok');
  });

  it('answers readiness with every table, queue and key of the manifest checked', async () => {
    const answer = await http('GET', '/health/ready');
    expect(answer.status).toBe(200);
    expect(answer.json.status).toBe('ready');
    const expected = [
      ...Object.keys(tables).map((name) => `table:${name}`),
      ...Object.keys(queues).map((name) => `queue:${name}`),
      'key:data',
      'key:pseudonym',
    ];
    expect(Object.keys(answer.json.checks).sort()).toEqual(expected.sort());
    expect(Object.values(answer.json.checks).every((status) => status === 'ok')).toBe(true);
  });

  it('passes the synthetic check: readiness, and an authenticated read with a client-credentials token', async () => {
    const api = inject('localStack').endpoints.api;
    const clientId = machineClients.syntheticMonitor.localClientId;
    const report = await runSyntheticCheck({
      baseUrl: api,
      fetch,
      nowMs: Date.now,
      timeoutMs: 10_000,
      accessToken: clientCredentialsTokens({
        tokenUrl: `${api}/oauth2/token`,
        clientId,
        clientSecret: async () => localClientSecretOf(clientId),
        scope: fullScope('platform.probe'),
        fetch,
        nowMs: Date.now,
        timeoutMs: 10_000,
      }),
    });
    expect(report.probes.map((probe) => [probe.probe, probe.status])).toEqual([
      ['readiness', 200],
      ['authenticated-read', 200],
    ]);
    expect(report.passed).toBe(true);
  });

  it('refuses the synthetic probe to a client with a wrong secret, and to people', async () => {
    const api = inject('localStack').endpoints.api;
    const basic = (secret: string) => `Basic ${Buffer.from(`${machineClients.syntheticMonitor.localClientId}:${secret}`).toString('base64')}`;
    const token = await fetch(`${api}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basic('guess'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect([token.status, ((await token.json()) as { error: string }).error]).toEqual([401, 'invalid_client']);
    expect((await http('GET', '/v1/synthetic-probe', { token: await tokenFor(`probe-${randomUUID()}`) })).status).toBe(403);
    expect((await http('GET', '/v1/synthetic-probe')).status).toBe(401);
  });

  it('serves an OpenAPI 3.1 document that a real validator accepts and that covers every route', async () => {
    // Act
    const answer = await http('GET', '/v1/openapi.json');
    const result = await validate(structuredClone(answer.json));

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json.openapi).toBe('3.1.0');
    expect(result.valid, JSON.stringify(result)).toBe(true);
    const documented = Object.entries(answer.json.paths as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) {
      const operation = answer.json.paths[route.path][route.method.toLowerCase()];
      if (route.caller === 'public') expect(operation.security).toEqual([]);
      else if (route.scopes) expect(operation.security).toEqual([{ integration: route.scopes.map(fullScope) }]);
      else expect(operation.security).toBeUndefined(); // inherits the document-wide bearer requirement
    }
  });
});

describe('what the running stack keeps and logs', () => {
  it('holds no plaintext personal data in any table or in the server log', async () => {
    // Prepare
    const marker = `PIIMARK${randomUUID().replaceAll('-', '')}`;
    const token = await tokenFor(`pii-${randomUUID()}`);

    // Act
    const created = await http('POST', '/v1/complaints', {
      token,
      headers: { 'idempotency-key': `pii-${randomUUID()}` },
      body: {
        channel: 'app',
        category: 'privacy',
        subject: marker,
        description: `about ${marker}`,
        contact: { email: `${marker.toLowerCase()}@example.com` },
      },
    });
    await http('GET', `/v1/complaints/${created.json.id}`, { token });
    await http('POST', '/v1/complaints', { token, body: { subject: marker, junk: marker } });
    await new Promise((r) => setTimeout(r, 200)); // let the server flush its log

    // Assess
    expect(created.status).toBe(201);
    const db = new DynamoDBClient({});
    let dump = '';
    for (const table of Object.values(tables)) {
      const { Items = [] } = await db.send(new ScanCommand({ TableName: table.localName }));
      dump += Items.map((item) => JSON.stringify(item) + Object.values(item).map((v) => (v.B ? Buffer.from(v.B).toString('latin1') : '')).join('')).join('\n');
    }
    expect(dump).toContain(created.json.id);
    expect(dump.toLowerCase()).not.toContain(marker.toLowerCase());
    const log = readFileSync(inject('localStack').logFile, 'utf8');
    expect(log).toContain('POST /v1/complaints');
    expect(log.toLowerCase()).not.toContain(marker.toLowerCase());
  });
});
