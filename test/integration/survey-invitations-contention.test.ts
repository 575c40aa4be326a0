import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { contention, withTransactionContention } from '../support/dynamodb-contention.ts';
import { createSurveysHarness } from '../support/surveys-harness.ts';

// Every client of this file refuses a write that meets a transaction in flight, as DynamoDB does.
vi.mock('#shared/aws/dynamodb.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('#shared/aws/dynamodb.ts')>();
  return {
    createDynamoClients: () => {
      const clients = actual.createDynamoClients();
      return { ...clients, document: withTransactionContention(clients.document) };
    },
  };
});

/** Everyone seen is invited to the monthly survey. */
const everyone = { expectedActiveUsers: 1, expectedResponseRate: 1, margin: 0.07, target: { rule: 'pointEstimateAtLeast' as const, threshold: 0.9, minimumResponses: 5 } };
const user = (name: string) => ({ sub: `${name}-${randomUUID()}`, role: 'user' as const });
const agent = { sub: 'agent-1', role: 'agent' as const };
const comms = { sub: 'comms-1', role: 'comms' as const };

describe('the post-resolution survey under contention', () => {
  it('invites every owner of many resolved complaints while the monthly sampling writes the same month counters', async () => {
    // Prepare: complaints filed and resolved through customer service, one after another.
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const cs = await createCustomerServiceHarness({ clock });
    const h = await createSurveysHarness({ clock, policy: everyone, complaintsTable: cs.tableNames.complaints });
    await h.runJob();
    const owners = Array.from({ length: 10 }, () => user('owner'));
    const events = [];
    for (const owner of owners) {
      const filed = await cs.invoke({
        routeKey: 'POST /v1/complaints',
        caller: owner,
        body: { channel: 'app', category: 'billing', subject: 'Charged twice', description: 'Charged twice for one order.' },
      });
      const id = filed.body!.id as string;
      await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, body: { body: 'Refunded.' } });
      await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/status', caller: agent, pathParameters: { id }, body: { status: 'resolved' } });
      events.push(cs.eventsAbout(id).find((e) => e['detail-type'] === 'complaint.resolved')!);
    }
    const bystanders = Array.from({ length: 20 }, () => user('bystander'));
    const refusalsBefore = contention.refusals;

    // Act: the consumer and GET /v1/surveys/current (the monthly sampling) at once.
    const [outcomes, reads] = await Promise.all([
      Promise.all(events.map((event) => h.deliver(event).catch((error: Error) => `retried later: ${error.name}`))),
      Promise.all(bystanders.map((bystander) => h.invoke({ routeKey: 'GET /v1/surveys/current', caller: bystander }))),
    ]);
    // The asynchronous invocation retries an event whose handler threw, a minute or more later: deliver those again.
    const retried = [];
    for (const [i, event] of events.entries()) retried.push(outcomes[i]!.startsWith('retried') ? await h.deliver(event) : outcomes[i]);
    const surveys = [];
    for (const owner of owners) surveys.push((await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: owner })).body!.surveys);
    const figures = (await h.invoke({ routeKey: 'GET /v1/figures/surveys', caller: comms, query: { kind: 'post-resolution' } })).body!.months[0];

    // Assess
    expect(contention.refusals).toBeGreaterThan(refusalsBefore);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toEqual([]);
    expect(retried).toEqual(events.map(() => 'invited'));
    expect(reads.map((read) => read.status).filter((status) => status !== 200 && status !== 409)).toEqual([]);
    expect(surveys.map((list: Array<{ kind: string }>) => list.filter((s) => s.kind === 'post-resolution').length)).toEqual(owners.map(() => 1));
    expect(figures.sampling).toMatchObject({ invited: owners.length });
  }, 180_000);
});
