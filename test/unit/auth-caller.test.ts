import { problemFrom } from '../support/problems.ts';
import { describe, expect, it } from 'vitest';
import { callerFromRequest, hasRole } from '#shared/auth/caller.ts';
import type { AuthorizerContext } from '#shared/identity/authorizer-context.ts';

describe('callerFromRequest', () => {
  const withContext = (lambda: Partial<Record<keyof AuthorizerContext, unknown>> | undefined) => ({ authorizer: { lambda } });
  const person = (pool: 'people' | 'staff', groups: string, sub = 'someone-1') => withContext({ sub, kind: 'person', pool, groups, scopes: '', clientId: 'web' });

  it.each([
    { name: 'no authorizer at all', context: {} },
    { name: 'an authorizer without a lambda context', context: { authorizer: {} } },
    { name: 'a JWT authorizer context instead', context: { authorizer: { jwt: { claims: { sub: 'user-1' } } } } as never },
    { name: 'no context', context: withContext(undefined) },
    { name: 'a context without sub', context: withContext({ pool: 'people', groups: 'admin' }) },
    { name: 'an empty sub', context: withContext({ sub: '', pool: 'people' }) },
    { name: 'a sub that is not a string', context: withContext({ sub: 12345, pool: 'people' }) },
    { name: 'no pool', context: withContext({ sub: 'user-1', kind: 'person', groups: 'agent' }) },
    { name: 'an unknown pool', context: withContext({ sub: 'user-1', kind: 'person', pool: 'partners', groups: 'agent' }) },
  ])('refuses $name with a 401 that asks for a bearer token', ({ context }) => {
    // Act
    const error = problemFrom(() => callerFromRequest(context));

    // Assess
    expect(error.problem).toMatchObject({ status: 401, type: 'urn:user-protection:problem:unauthorized' });
    expect(error.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });

  it('takes the subject and the staff roles of a staff-pool token', () => {
    // Act
    const caller = callerFromRequest(person('staff', 'agent admin', 'staff-1'));

    // Assess
    expect(caller).toEqual({ kind: 'person', sub: 'staff-1', roles: ['agent', 'admin'], scopes: [] });
  });

  it('ignores groups that are not roles of the platform', () => {
    // Act
    const caller = callerFromRequest(person('staff', 'beta-testers agent Admin superuser'));

    // Assess
    expect(caller.roles).toEqual(['agent']);
  });

  it("honours a staff role only from the staff pool: a people's token naming one is a plain user", () => {
    // Act
    const caller = callerFromRequest(person('people', 'moderator admin'));

    // Assess
    expect(caller.roles).toEqual(['user']);
    expect(hasRole(caller, 'moderator', 'admin')).toBe(false);
  });

  it("honours a people's role only from the people's pool", () => {
    // Act
    const staff = callerFromRequest(person('staff', 'trusted_flagger moderator'));
    const flagger = callerFromRequest(person('people', 'trusted_flagger'));

    // Assess
    expect(staff.roles).toEqual(['moderator']);
    expect(flagger.roles).toEqual(['trusted_flagger']);
  });

  it.each([
    { name: 'no groups', groups: undefined },
    { name: 'an empty group list', groups: '' },
    { name: 'only unknown groups', groups: 'beta-testers' },
  ])("makes a people's-pool caller with $name a plain user", ({ groups }) => {
    // Act
    const caller = callerFromRequest(withContext({ sub: 'user-1', kind: 'person', pool: 'people', groups }));

    // Assess
    expect(caller).toEqual({ kind: 'person', sub: 'user-1', roles: ['user'], scopes: [] });
  });

  it('gives a staff account in no group no role at all, not even user', () => {
    // Act
    const caller = callerFromRequest(person('staff', ''));

    // Assess
    expect(caller.roles).toEqual([]);
  });

  it('gives a staff member no user role they were not granted', () => {
    // Act
    const caller = callerFromRequest(person('staff', 'moderator', 'staff-2'));

    // Assess
    expect(caller.roles).toEqual(['moderator']);
    expect(hasRole(caller, 'user')).toBe(false);
    expect(hasRole(caller, 'agent', 'moderator')).toBe(true);
  });

  it('recognises a machine client of the people pool with its scopes and no role', () => {
    // Act
    const caller = callerFromRequest(
      withContext({
        sub: 'email-integration',
        kind: 'machine',
        pool: 'people',
        groups: '',
        scopes: 'user-protection/complaints.intake.email other/scope',
        clientId: 'email-integration',
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

  it('does not take a staff-pool token for a machine client (machine clients live in the people pool)', () => {
    // Act
    const caller = callerFromRequest(withContext({ sub: 'console', kind: 'machine', pool: 'staff', groups: '', scopes: 'user-protection/content.review' }));

    // Assess
    expect(caller.kind).toBe('person');
    expect(caller.scopes).toEqual([]);
  });
});
