import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import type { DeploymentClients } from '#shared/security/audit/deployment-clients.ts';
import { auditChecks, resultOf, unreadable } from '#shared/security/audit/checks.ts';
import { allPages } from '#shared/security/audit/pages.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';

/**
 * No function role allows a `*` action or resource on a data service: every inline policy of the
 * role and the default version of every policy attached to it are read (IAM returns documents
 * URL-encoded) and each Allow statement is looked at. A whole-service action (`dynamodb:*`, `*`)
 * fails, as does a data action on `*` or on every resource of a kind (`table/*`, `key/*`).
 * Narrower patterns (`kms:GenerateDataKey*` on one key, `<table>/index/*`) pass.
 */

/** The services that hold or guard data. */
const dataServices: readonly string[] = [
  'dynamodb',
  'kms',
  'sqs',
  's3',
  'secretsmanager',
  'ssm',
  'sns',
  'kinesis',
  'firehose',
  'rds',
  'rds-data',
  'elasticfilesystem',
  'es',
  'glue',
  'athena',
  'backup',
];

interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const serviceOf = (action: string): string => action.split(':')[0]?.toLowerCase() ?? '';

/** `*`, an ARN whose resource is `*`, or every resource of one kind (`table/*`, `key/*`, an S3 `*`). */
const isWildcardResource = (resource: string): boolean => {
  if (resource === '*') return true;
  const part = resource.split(':').slice(5).join(':');
  return resource.startsWith('arn:') && (part === '*' || /^[A-Za-z-]+\/\*$/.test(part));
};

/** What the resource is without its partition, region and account: `table/*`, `*`. */
const shownResource = (resource: string): string => (resource.startsWith('arn:') ? resource.split(':').slice(2, 3).concat(resource.split(':').slice(5)).join(':') : resource);

/** Why one statement allows too much on a data service, or undefined when it does not. */
export const wildcardOnDataService = (statement: PolicyStatement): string | undefined => {
  if (statement.Effect !== 'Allow') return undefined;
  if (statement.NotAction !== undefined) return 'allows every action but those it names (NotAction)';
  const onData = asList(statement.Action).filter((action) => action === '*' || dataServices.includes(serviceOf(action)));
  if (onData.length === 0) return undefined;
  const wholeServices = onData.filter((action) => action === '*' || action.endsWith(':*'));
  if (wholeServices.length > 0) return `allows action ${wholeServices.join(', ')}`;
  if (statement.NotResource !== undefined) return `allows ${onData.join(', ')} on every resource but those it names (NotResource)`;
  const wildcards = asList(statement.Resource).filter(isWildcardResource);
  return wildcards.length > 0 ? `allows ${onData.join(', ')} on ${wildcards.map(shownResource).join(', ')}` : undefined;
};

/** The reasons a policy document allows too much, each with its statement's position. */
const problemsOf = (policyName: string, document: string | undefined): string[] => {
  if (!document) return [`policy ${policyName} has no document`];
  let statements: PolicyStatement[];
  try {
    statements = asList((JSON.parse(decodeURIComponent(document)) as { Statement?: PolicyStatement | PolicyStatement[] }).Statement);
  } catch {
    return [`policy ${policyName} is not valid JSON`];
  }
  return statements.flatMap((statement, index) => {
    const problem = wildcardOnDataService(statement);
    return problem ? [`policy ${policyName} statement #${index + 1} ${problem}`] : [];
  });
};

interface NamedDocument {
  name: string;
  document: string | undefined;
}

const inlinePolicies = async (iam: DeploymentClients['iam'], roleName: string): Promise<NamedDocument[]> => {
  const names = await allPages(async (marker) => {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    return { items: page.PolicyNames, next: page.IsTruncated ? page.Marker : undefined };
  });
  return Promise.all(
    names.map(async (name) => ({ name, document: (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }))).PolicyDocument })),
  );
};

const attachedPolicies = async (iam: DeploymentClients['iam'], roleName: string): Promise<NamedDocument[]> => {
  const attached = await allPages(async (marker) => {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    return { items: page.AttachedPolicies, next: page.IsTruncated ? page.Marker : undefined };
  });
  return Promise.all(
    attached.map(async ({ PolicyArn: arn, PolicyName: name = 'unnamed' }) => {
      const { Policy: policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      const { PolicyVersion: version } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy?.DefaultVersionId }));
      return { name, document: version?.Document };
    }),
  );
};

/** `arn:aws:iam::<account>:role/<path>/<name>` → `<name>`. */
const roleNameOf = (roleArn: string): string => roleArn.split('/').at(-1) ?? roleArn;

/** The IAM check on the role of one function (`function:<name>`). */
export const checkFunctionRole = async (name: string, roleArn: string | undefined, iam: DeploymentClients['iam']): Promise<CheckResult> => {
  const check = auditChecks.iamNoWildcardOnDataServices;
  const resource = `function:${name}`;
  if (!roleArn) return resultOf(check, resource, 'failed', 'the function names no role');
  const roleName = roleNameOf(roleArn);
  let documents: { inline: NamedDocument[]; attached: NamedDocument[] };
  try {
    const [inline, attached] = await Promise.all([inlinePolicies(iam, roleName), attachedPolicies(iam, roleName)]);
    documents = { inline, attached };
  } catch (error) {
    return unreadable(check, resource, "the role's policies", error);
  }
  const problems = [...documents.inline, ...documents.attached].flatMap((policy) => problemsOf(policy.name, policy.document));
  const read = `${documents.inline.length} inline and ${documents.attached.length} attached policies`;
  return problems.length === 0
    ? resultOf(check, resource, 'passed', `${read}: no wildcard on a data service`)
    : resultOf(check, resource, 'failed', `${read}: ${problems.join('; ')}`);
};
