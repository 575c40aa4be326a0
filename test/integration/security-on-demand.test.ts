import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { securityApiHandlerFromEnvironment } from '#shared/security/wiring/security-api.ts';
import { invokeApi } from '../support/events.ts';

/**
 * An audit requested through the API, end to end on the local stack: the API records the run and
 * publishes `security.audit-requested` on the local bus, whose rule invokes the audit function's
 * handler module, as EventBridge does in AWS.
 */

const invoke = invokeApi(securityApiHandlerFromEnvironment());
const officer = { sub: `sec-${randomUUID().slice(0, 8)}`, role: 'security' as const };

const runWhenSettled = async (id: string) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const run = await invoke({ routeKey: 'GET /v1/security/audits/{id}', caller: officer, pathParameters: { id } });
    if (run.body!.status === 'completed' || run.body!.status === 'failed') return run.body!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Run ${id} did not settle`);
};

describe('an audit requested by security staff', () => {
  it('is answered 202 at once and run by the event rule on the local bus', async () => {
    // Act
    const accepted = await invoke({ routeKey: 'POST /v1/security/audits', caller: officer });
    const run = await runWhenSettled(accepted.body!.id);

    // Assess
    expect(accepted.status).toBe(202);
    expect(run).toMatchObject({ status: 'completed', trigger: { kind: 'request', by: officer.sub }, environment: 'local' });
    expect(run.counts.checks).toBe(run.results.length);
    expect(run.counts.passed + run.counts.failed + run.counts.notApplicable).toBe(run.counts.checks);
  });
});
