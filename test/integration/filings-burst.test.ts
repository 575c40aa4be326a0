import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { apiEvent, lambdaContext } from '../support/events.ts';

const BURST = 200;
/**
 * Each filing's time budget. In AWS every concurrent filing has a function instance of its own;
 * here all of them share one process and its CPU, so the budget is the whole test's: the test is
 * about conflicts between filings, not about how fast one core seals 200 complaints.
 */
const BUDGET_MS = 110_000;

const body = {
  channel: 'web',
  category: 'billing',
  subject: 'Refund never arrived',
  description: 'I returned the parcel three weeks ago and the refund never arrived.',
};

describe('a burst of filings through the complaints handler, on DynamoDB Local', () => {
  it(`files ${BURST} complaints sent at once, with no 409 and no 5xx, and counts every one`, { timeout: 180_000 }, async () => {
    // Prepare
    const h = await createCustomerServiceHarness({ clock: fixedClock('2026-11-20T08:00:00.000Z') });
    const agent = { sub: `agent-${randomUUID()}`, role: 'agent' as const };
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => BUDGET_MS };
    const file = () => h.handler(apiEvent({ routeKey: 'POST /v1/complaints', caller: { sub: `ada-${randomUUID()}` }, body }), context);

    // Act
    const answers = await Promise.all(Array.from({ length: BURST }, file));
    const figures = await h.invoke({ routeKey: 'GET /v1/figures/customer-service', caller: agent, query: { granularity: 'day', from: '2026-11-20' } });

    // Assess
    const statuses: Record<number, number> = {};
    for (const { statusCode = 200 } of answers) statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    expect(statuses).toEqual({ 201: BURST });
    expect(figures.body).toMatchObject({
      periods: [{ period: '2026-11-20', received: BURST, receivedByChannel: { web: BURST } }],
      backlog: { received: BURST },
    });
  });
});
