import { problemFrom } from '../support/problems.ts';
import { describe, expect, it } from 'vitest';
import { callerFromRequest, hasRole, parseGroupsClaim } from '#shared/auth/caller.ts';

describe('parseGroupsClaim', () => {
  it.each([
    { name: 'the gateway string form "[agent admin]"', claim: '[agent admin]', groups: ['agent', 'admin'] },
    { name: 'a one-element gateway string "[agent]"', claim: '[agent]', groups: ['agent'] },
    { name: 'a JSON array', claim: ['agent', 'admin'], groups: ['agent', 'admin'] },
    { name: 'an array of other strings', claim: ['a', 'b'], groups: ['a', 'b'] },
    { name: 'a bare group name', claim: 'agent', groups: ['agent'] },
    { name: 'a comma-separated list', claim: 'agent,admin', groups: ['agent', 'admin'] },
    { name: 'extra spacing', claim: '  [ agent   admin ]  ', groups: ['agent', 'admin'] },
    { name: 'an empty gateway list "[]"', claim: '[]', groups: [] },
    { name: 'an empty array', claim: [], groups: [] },
    { name: 'an empty string', claim: '', groups: [] },
    { name: 'undefined', claim: undefined, groups: [] },
    { name: 'null', claim: null, groups: [] },
    { name: 'a number', claim: 42, groups: [] },
  ])('reads $name', ({ claim, groups }) => {
    // Act
    const parsed = parseGroupsClaim(claim);

    // Assess
    expect(parsed).toEqual(groups);
  });
});

describe('callerFromRequest', () => {
  const withClaims = (claims: Record<string, unknown> | undefined) => ({ authorizer: { jwt: { claims } } });


  it.each([
    { name: 'no authorizer at all', context: {} },
    { name: 'an authorizer without jwt', context: { authorizer: {} } },
    { name: 'no claims', context: withClaims(undefined) },
    { name: 'claims without sub', context: withClaims({ 'cognito:groups': '[admin]' }) },
    { name: 'an empty sub', context: withClaims({ sub: '' }) },
    { name: 'a sub that is not a string', context: withClaims({ sub: 12345 }) },
  ])('refuses $name with a 401 that asks for a bearer token', ({ context }) => {
    // Act
    const error = problemFrom(() => callerFromRequest(context));

    // Assess
    expect(error.problem).toMatchObject({ status: 401, type: 'urn:user-protection:problem:unauthorized' });
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('takes the subject and the known roles from the gateway claims', () => {
    // Act
    const caller = callerFromRequest(withClaims({ sub: 'staff-1', 'cognito:groups': '[agent admin]' }));

    // Assess
    expect(caller).toEqual({ kind: 'person', sub: 'staff-1', roles: ['agent', 'admin'], scopes: [] });
  });

  it('ignores groups that are not roles of the platform', () => {
    // Act
    const caller = callerFromRequest(withClaims({ sub: 'staff-1', 'cognito:groups': '[beta-testers agent Admin superuser]' }));

    // Assess
    expect(caller.roles).toEqual(['agent']);
  });

  it.each([
    { name: 'no groups claim', groups: undefined },
    { name: 'an empty group list', groups: '[]' },
    { name: 'only unknown groups', groups: '[beta-testers]' },
  ])('makes a caller with $name a plain user', ({ groups }) => {
    // Prepare
    const claims: Record<string, unknown> = { sub: 'user-1' };
    if (groups !== undefined) claims['cognito:groups'] = groups;

    // Act
    const caller = callerFromRequest(withClaims(claims));

    // Assess
    expect(caller).toEqual({ kind: 'person', sub: 'user-1', roles: ['user'], scopes: [] });
  });

  it('gives a staff member no user role they were not granted', () => {
    // Act
    const caller = callerFromRequest(withClaims({ sub: 'staff-2', 'cognito:groups': '[moderator]' }));

    // Assess
    expect(caller.roles).toEqual(['moderator']);
    expect(hasRole(caller, 'user')).toBe(false);
    expect(hasRole(caller, 'agent', 'moderator')).toBe(true);
  });

  it('recognises a client-credentials token as a machine client with its scopes and no role', () => {
    // Act
    const caller = callerFromRequest(
      withClaims({
        sub: 'email-integration',
        client_id: 'email-integration',
        token_use: 'access',
        scope: 'user-protection/complaints.intake.email other/scope',
      }),
    );

    // Assess
    expect(caller).toEqual({
      kind: 'machine',
      sub: 'email-integration',
      roles: [],
      scopes: ['user-protection/complaints.intake.email', 'other/scope'],
    });
    expect(hasRole(caller, 'user')).toBe(false);
  });

  it.each([
    { name: 'a username', claims: { username: 'ada' } },
    { name: 'groups', claims: { 'cognito:groups': '[agent]' } },
    { name: 'a subject other than the client', claims: { sub: 'ada' } },
  ])("treats a token of the user client with $name as a person's", ({ claims }) => {
    // Act
    const caller = callerFromRequest(withClaims({ sub: 'web-client', client_id: 'web-client', scope: 'openid', ...claims }));

    // Assess
    expect(caller.kind).toBe('person');
    expect(caller.scopes).toEqual([]);
  });
});
