import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { roles, routeKey, routes, type Role } from '#infra/manifest.ts';
import { fixedClock } from '#shared/clock.ts';
import { createSurveysHarness } from '../support/surveys-harness.ts';

/**
 * Every surveys route against every role and a machine client, each with the answer it must
 * get once the gateway let the request through. The roles come from the one definition, so a
 * role added there is covered here without editing this table.
 */

type CallerName = 'invitedUser' | Role | 'machine';
const callerNames: CallerName[] = ['invitedUser', ...roles, 'machine'];
const machine = { clientId: 'social-integration', scopes: ['user-protection/complaints.intake.social'] };

const allowing = (allowed: readonly Role[], status: number, otherwise = 403): Record<CallerName, number> =>
  Object.fromEntries(
    callerNames.map((name) => [name, name === 'machine' ? 403 : allowed.includes(name as Role) ? status : otherwise]),
  ) as Record<CallerName, number>;
const staff = ['agent', 'admin', 'comms'] as const;

interface RouteCase {
  route: string;
  pathParameters?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  expected: Record<CallerName, number>;
}

const table: RouteCase[] = [
  { route: 'GET /v1/surveys/current', expected: { ...allowing(roles, 200), invitedUser: 200 } },
  {
    route: 'PUT /v1/surveys/{id}/response',
    pathParameters: { id: '2026-11-monthly' },
    body: { answers: { satisfaction: 5 } },
    // Only the invited user has this survey; for anyone else it does not exist.
    expected: { ...allowing([], 404, 404), invitedUser: 201 },
  },
  {
    route: 'POST /v1/survey-definitions',
    body: { kind: 'post-resolution', title: 'Rate us', questions: [{ id: 'satisfaction', type: 'csat', prompt: 'How was it?', required: true }] },
    expected: { ...allowing(['admin', 'comms'], 201), invitedUser: 403 },
  },
  { route: 'GET /v1/survey-definitions/{kind}', pathParameters: { kind: 'monthly' }, expected: { ...allowing(staff, 200), invitedUser: 403 } },
  { route: 'GET /v1/figures/surveys', query: { kind: 'monthly' }, expected: { ...allowing(staff, 200), invitedUser: 403 } },
  {
    route: 'GET /v1/survey-campaigns/{id}/comments',
    pathParameters: { id: '2026-11-monthly' },
    // Staff reading comments give a reason (the read is recorded in the access log).
    headers: { 'x-access-reason': 'Monthly review of the comments' },
    expected: { ...allowing(staff, 200), invitedUser: 403 },
  },
];

describe('authorisation: every surveys route against every role and a machine client', () => {
  let harness: Awaited<ReturnType<typeof createSurveysHarness>>;

  beforeAll(async () => {
    // Prepare: a campaign that invites everyone it sees.
    harness = await createSurveysHarness({ clock: fixedClock('2026-11-10T12:00:00.000Z'), policy: { expectedActiveUsers: 1 } });
    await harness.runJob();
  });

  it('covers every route of the surveys function', () => {
    expect(table.map((c) => c.route).sort()).toEqual(routes.filter((r) => r.function === 'surveys').map(routeKey).sort());
  });

  const cases = table.flatMap((routeCase) => callerNames.map((caller) => ({ ...routeCase, caller, status: routeCase.expected[caller] })));

  it.each(cases)('$route as $caller answers $status', async ({ route, caller, status, pathParameters, body, query, headers }) => {
    // Prepare: a fresh user, invited by being seen while the campaign runs.
    const invitedSub = `invited-${randomUUID()}`;
    await harness.invoke({ routeKey: 'GET /v1/surveys/current', caller: { sub: invitedSub } });
    const identity =
      caller === 'machine'
        ? { machine }
        : { caller: { sub: caller === 'invitedUser' ? invitedSub : `${caller}-${randomUUID()}`, role: caller === 'invitedUser' ? 'user' : caller } };

    // Act
    const answer = await harness.invoke({
      routeKey: route,
      ...(identity as object),
      ...(pathParameters && { pathParameters }),
      ...(body !== undefined && { body }),
      ...(query && { query }),
      ...(headers && { headers }),
    } as never);

    // Assess
    expect(answer.status).toBe(status);
    if (status >= 400) expect(answer.headers['content-type']).toBe('application/problem+json');
  });
});
