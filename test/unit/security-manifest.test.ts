import { describe, expect, it } from 'vitest';
import { eventRules, functions, jobs, routes, tables } from '#infra/manifest.ts';
import { AUDIT_REQUESTED_EVENT } from '#shared/security/manifest.ts';

describe('the security manifest', () => {
  it('lets the audit read every table of the system (it samples each), and write only its own', () => {
    const access = functions.securityAudit.tables as Record<string, string>;
    expect(Object.keys(access).sort()).toEqual(Object.keys(tables).sort());
    expect(Object.entries(access).filter(([, how]) => how !== 'read')).toEqual([['security', 'readWrite']]);
  });

  it('runs the audit on the first day of each quarter and on the request event', () => {
    expect(jobs['security-audit']).toMatchObject({ function: 'securityAudit', schedule: 'cron(0 3 1 1,4,7,10 ? *)' });
    expect(eventRules.auditRequested).toMatchObject({ function: 'securityAudit', detailTypes: [AUDIT_REQUESTED_EVENT], sources: ['user-protection.security'] });
  });

  it('keeps every security route for security staff, and the API function free of the data key', () => {
    const securityRoutes = routes.filter((route) => route.function === 'security');
    expect(securityRoutes.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'GET /v1/security/audits',
      'GET /v1/security/audits/{id}',
      'GET /v1/security/figures',
      'GET /v1/security/findings',
      'GET /v1/security/findings/{id}',
      'POST /v1/security/audits',
      'POST /v1/security/findings/{id}/status',
    ]);
    for (const route of securityRoutes) expect(route).toMatchObject({ caller: 'person', roles: ['security'] });
    expect(functions.security.usesDataKey).toBe(false);
    expect(functions.securityAudit.usesDataKey).toBe(false);
  });
});
