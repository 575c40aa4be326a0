import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { routeKey, routes } from '#infra/manifest.ts';
import { createComplaintsHarness } from '../support/complaints-harness.ts';

/**
 * Every complaints route against every kind of caller, each with the answer it must get. The
 * gateway's own checks (no token, missing scope) are tested over HTTP in test/api; this table is
 * what the function decides once the gateway let a request through.
 */

type CallerName = 'owner' | 'otherUser' | 'agent' | 'admin' | 'moderator' | 'security' | 'comms' | 'socialClient' | 'emailClient';
const callerNames: CallerName[] = ['owner', 'otherUser', 'agent', 'admin', 'moderator', 'security', 'comms', 'socialClient', 'emailClient'];

const people = {
  owner: 'user',
  otherUser: 'user',
  agent: 'agent',
  admin: 'admin',
  moderator: 'moderator',
  security: 'security',
  comms: 'comms',
} as const;
const machines = {
  socialClient: { clientId: 'social-integration', scopes: ['user-protection/complaints.intake.social'] },
  emailClient: { clientId: 'email-integration', scopes: ['user-protection/complaints.intake.email'] },
};

interface RouteCase {
  route: string;
  pathParameters?: (complaintId: string) => Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  /** The complaint the case acts on is filed by the social integration instead of by "owner". */
  filedOnSocial?: boolean;
  expected: Record<CallerName, number>;
}

const onComplaint = (id: string) => ({ id });
const onSocial = (id: string) => ({ channel: 'social', id });
const workers = { agent: 200, admin: 200 };
/** Only the owner and complaint workers see a complaint; everyone else gets 404, machines 403. */
const objectRead = { owner: 200, otherUser: 404, ...workers, moderator: 404, security: 404, comms: 404, socialClient: 403, emailClient: 403 };
/** Staff-only commands: refused with 403 before anything is read, so nothing leaks. */
const staffCommand = { owner: 403, otherUser: 403, ...workers, moderator: 403, security: 403, comms: 403, socialClient: 403, emailClient: 403 };
const anyPerson = (status: number) => ({
  owner: status,
  otherUser: status,
  agent: status,
  admin: status,
  moderator: status,
  security: status,
  comms: status,
  socialClient: 403,
  emailClient: 403,
});

const table: RouteCase[] = [
  {
    route: 'POST /v1/complaints',
    body: { channel: 'web', category: 'other', subject: 'S', description: 'D' },
    expected: anyPerson(201),
  },
  { route: 'GET /v1/complaints', expected: anyPerson(200) },
  { route: 'GET /v1/complaints/{id}', pathParameters: onComplaint, expected: objectRead },
  { route: 'PATCH /v1/complaints/{id}', pathParameters: onComplaint, body: { priority: 'urgent' }, expected: staffCommand },
  { route: 'POST /v1/complaints/{id}/claim', pathParameters: onComplaint, expected: staffCommand },
  {
    route: 'PUT /v1/complaints/{id}/assignee',
    pathParameters: onComplaint,
    body: { assigneeId: 'agent-x' },
    expected: staffCommand,
  },
  {
    route: 'POST /v1/complaints/{id}/status',
    pathParameters: onComplaint,
    body: { status: 'open' },
    // A user may only reopen a resolved complaint or withdraw: "open" on a new one is staff's.
    expected: { ...objectRead, owner: 403 },
  },
  { route: 'GET /v1/complaints/{id}/messages', pathParameters: onComplaint, expected: objectRead },
  {
    route: 'POST /v1/complaints/{id}/messages',
    pathParameters: onComplaint,
    body: { body: 'Hello' },
    expected: { ...objectRead, owner: 201, agent: 201, admin: 201 },
  },
  { route: 'GET /v1/complaints/{id}/history', pathParameters: onComplaint, expected: objectRead },
  { route: 'GET /v1/work-queue', expected: staffCommand },
  {
    route: 'GET /v1/figures/customer-service',
    expected: { ...staffCommand, comms: 200 },
  },
  {
    route: 'POST /v1/channels/{channel}/complaints',
    pathParameters: () => ({ channel: 'social' }),
    body: { messageId: 'will-be-unique', externalRef: '@someone', category: 'other', subject: 'S', description: 'D' },
    expected: { ...anyPerson(403), socialClient: 201, emailClient: 403 },
  },
  {
    route: 'GET /v1/channels/{channel}/complaints/{id}',
    pathParameters: onSocial,
    filedOnSocial: true,
    expected: { ...anyPerson(403), socialClient: 200, emailClient: 403 },
  },
  {
    route: 'GET /v1/channels/{channel}/complaints/{id}/messages',
    pathParameters: onSocial,
    filedOnSocial: true,
    expected: { ...anyPerson(403), socialClient: 200, emailClient: 403 },
  },
  {
    route: 'POST /v1/channels/{channel}/complaints/{id}/messages',
    pathParameters: onSocial,
    filedOnSocial: true,
    body: { messageId: 'will-be-unique', body: 'Any news?' },
    expected: { ...anyPerson(403), socialClient: 201, emailClient: 403 },
  },
];

describe('authorisation: every complaints route against every caller', () => {
  const harness = createComplaintsHarness();

  it('covers every route of the complaints function', () => {
    // Act
    const covered = table.map((c) => c.route).sort();

    // Assess
    expect(covered).toEqual(routes.filter((r) => r.function === 'complaints').map(routeKey).sort());
  });

  const cases = table.flatMap((routeCase) =>
    callerNames.map((caller) => ({ ...routeCase, caller, status: routeCase.expected[caller] })),
  );

  it.each(cases)('$route as $caller answers $status', async ({ route, caller, status, pathParameters, body, query, filedOnSocial }) => {
    // Prepare: a fresh complaint owned by "owner" (or filed on social), so that no case depends on another.
    const ownerSub = `owner-${randomUUID()}`;
    const filed = filedOnSocial
      ? await harness.invoke({
          routeKey: 'POST /v1/channels/{channel}/complaints',
          machine: machines.socialClient,
          pathParameters: { channel: 'social' },
          body: { messageId: `m-${randomUUID()}`, externalRef: '@owner', category: 'billing', subject: 'Owned', description: 'Owned complaint' },
        })
      : await harness.invoke({
          routeKey: 'POST /v1/complaints',
          caller: { sub: ownerSub },
          body: { channel: 'web', category: 'billing', subject: 'Owned', description: 'Owned complaint' },
        });
    const callerIdentity =
      caller === 'socialClient' || caller === 'emailClient'
        ? { machine: machines[caller] }
        : { caller: { sub: caller === 'owner' ? ownerSub : `${caller}-${randomUUID()}`, role: people[caller] } };
    const requestBody = route.startsWith('POST /v1/channels/') ? { ...(body as object), messageId: `m-${randomUUID()}` } : body;

    // Act: staff say why they read (the reason's own rules are tested in access-log.test.ts).
    const answer = await harness.invoke({
      routeKey: route,
      ...callerIdentity,
      headers: { 'x-access-reason': 'authorisation matrix' },
      ...(pathParameters && { pathParameters: pathParameters(filed.body!.id) }),
      ...(requestBody !== undefined && { body: requestBody }),
      ...(query && { query }),
    });

    // Assess
    expect(answer.status).toBe(status);
    if (status >= 400) expect(answer.headers['content-type']).toBe('application/problem+json');
    if (status === 404 || status === 403) expect(JSON.stringify(answer.body)).not.toContain('Owned');
  });
});
