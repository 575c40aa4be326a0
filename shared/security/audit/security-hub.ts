import { GetFindingsCommand, type AwsSecurityFinding, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { auditChecks, resultOf, SECURITY_HUB_SCOPE, unreadable } from '#shared/security/audit/checks.ts';
import { allPages } from '#shared/security/audit/pages.ts';
import type { CheckOutcome, CheckResult, Severity } from '#shared/security/domain/audit.ts';

/**
 * Security Hub, where the account has it enabled: the active findings (ASFF) on the stack's
 * resources become results of this audit, so that one list holds both. Each finding is a result
 * with the control (or generator) as its check, the resource by its manifest name where the audit
 * knows it (the ASFF resource id otherwise), the severity of its label, and failed while its
 * compliance is not PASSED and its workflow is neither RESOLVED nor SUPPRESSED. One summary result
 * (`security-hub.findings` on `stack:security-hub`) says whether the import ran: not applicable
 * where Security Hub is not enabled, failed where it could not be read.
 */

const { securityHubFindings } = auditChecks;

/** The keys and findings reader's Security Hub client: GetFindings only. */
export type SecurityHub = Pick<SecurityHubClient, 'send'>;

/** Security Hub takes at most 20 values per filter field. */
const VALUES_PER_FILTER = 20;

/** The errors Security Hub answers with in an account (or region) where it is not enabled. */
const NOT_ENABLED_ERRORS = new Set(['InvalidAccessException', 'ResourceNotFoundException']);

const severityOf = (label: string | undefined): Severity => {
  switch (label) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MEDIUM':
      return 'medium';
    default:
      return 'low';
  }
};

const outcomeOf = (finding: AwsSecurityFinding): CheckOutcome => {
  const workflow = finding.Workflow?.Status;
  if (workflow === 'RESOLVED' || workflow === 'SUPPRESSED') return 'passed';
  const compliance = finding.Compliance?.Status;
  if (compliance === 'PASSED') return 'passed';
  return compliance === 'NOT_AVAILABLE' ? 'not-applicable' : 'failed';
};

/** The control a finding reports on: the security control id, a product's control id, or its generator. */
const controlOf = (finding: AwsSecurityFinding): string =>
  finding.Compliance?.SecurityControlId ?? finding.ProductFields?.ControlId ?? finding.GeneratorId ?? 'unknown';

const rank: Record<CheckOutcome, number> = { failed: 0, passed: 1, 'not-applicable': 2 };

/** One result per (control, resource) of the findings: where two findings meet (two standards, one control), the failing one. */
const findingResults = (findings: readonly AwsSecurityFinding[], resourceNames: ReadonlyMap<string, string>): CheckResult[] => {
  const byKey = new Map<string, CheckResult>();
  for (const finding of findings) {
    const ids = (finding.Resources ?? []).flatMap((resource) => (resource.Id ? [resource.Id] : []));
    const ours = ids.filter((id) => resourceNames.has(id));
    for (const id of ours.length > 0 ? ours : ids.slice(0, 1)) {
      const outcome = outcomeOf(finding);
      const result: CheckResult = {
        checkId: `security-hub.${controlOf(finding)}`,
        resource: resourceNames.get(id) ?? id,
        outcome,
        severity: severityOf(finding.Severity?.Label),
        ownerTeam: securityHubFindings.ownerTeam,
        title: finding.Title ?? controlOf(finding),
        detail: `Security Hub (${finding.ProductName ?? 'finding'}): compliance ${finding.Compliance?.Status ?? 'none'}, workflow ${finding.Workflow?.Status ?? 'NEW'}`,
      };
      const key = `${result.checkId} ${result.resource}`;
      const known = byKey.get(key);
      if (!known || rank[outcome] < rank[known.outcome]) byKey.set(key, result);
    }
  }
  return [...byKey.values()].sort((a, b) => `${a.checkId} ${a.resource}`.localeCompare(`${b.checkId} ${b.resource}`));
};

const activeFindingsOn = async (securityHub: SecurityHub, resourceIds: readonly string[]): Promise<AwsSecurityFinding[]> => {
  const findings = new Map<string, AwsSecurityFinding>();
  for (let start = 0; start < resourceIds.length; start += VALUES_PER_FILTER) {
    const chunk = resourceIds.slice(start, start + VALUES_PER_FILTER);
    const page = await allPages(async (token) => {
      const answer = await securityHub.send(
        new GetFindingsCommand({
          Filters: {
            RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
            ResourceId: chunk.map((id) => ({ Value: id, Comparison: 'EQUALS' })),
          },
          MaxResults: 100,
          NextToken: token,
        }),
      );
      return { items: answer.Findings, next: answer.NextToken };
    });
    // A finding on several of the resources comes back once per chunk that names one of them.
    for (const finding of page) findings.set(finding.Id ?? `${findings.size}`, finding);
  }
  return [...findings.values()];
};

/**
 * Imports the active findings on the given resources (ARN → the audit's resource name, e.g.
 * `function:complaints`): the summary result first, then one result per finding.
 */
export const importSecurityHubFindings = async (
  securityHub: SecurityHub,
  resourceNames: ReadonlyMap<string, string>,
): Promise<CheckResult[]> => {
  if (resourceNames.size === 0) {
    return [resultOf(securityHubFindings, SECURITY_HUB_SCOPE, 'failed', 'no resource of the stack was found to look its findings up')];
  }
  let findings: AwsSecurityFinding[];
  try {
    findings = await activeFindingsOn(securityHub, [...resourceNames.keys()]);
  } catch (error) {
    if (error instanceof Error && NOT_ENABLED_ERRORS.has(error.name)) {
      return [resultOf(securityHubFindings, SECURITY_HUB_SCOPE, 'not-applicable', `Security Hub is not enabled in this account and region (${error.name})`)];
    }
    return [unreadable(securityHubFindings, SECURITY_HUB_SCOPE, 'the Security Hub findings', error)];
  }
  const results = findingResults(findings, resourceNames);
  const failing = results.filter((result) => result.outcome === 'failed').length;
  const summary = `Security Hub is enabled: ${findings.length} active findings on ${resourceNames.size} resources of the stack, ${failing} failing`;
  return [resultOf(securityHubFindings, SECURITY_HUB_SCOPE, 'passed', summary), ...results];
};
