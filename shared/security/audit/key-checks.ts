import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, type KeyMetadata, type KMSClient } from '@aws-sdk/client-kms';
import { auditChecks, notApplicableLocally, resultOf, unreadable } from '#shared/security/audit/checks.ts';
import type { AuditEnvironment, CheckResult } from '#shared/security/domain/audit.ts';

/** How the readiness targets name a local key: `file:` and the path of the key file. */
const LOCAL_KEY_PREFIX = 'file:';

/** The keys and findings reader's KMS client: Describe and Get only. */
export type Kms = Pick<KMSClient, 'send'>;

interface KeyContext {
  environment: AuditEnvironment;
  kms: Kms;
}

const { keyRotation, keyPolicyPrincipals } = auditChecks;

const rotation = async (resource: string, keyId: string, metadata: KeyMetadata, context: KeyContext): Promise<CheckResult> => {
  const spec = metadata.KeySpec ?? 'unknown';
  if (spec !== 'SYMMETRIC_DEFAULT' || metadata.KeyUsage !== 'ENCRYPT_DECRYPT') {
    return resultOf(keyRotation, resource, 'not-applicable', `KMS cannot rotate a ${spec} key automatically: it is replaced, not rotated`);
  }
  if (metadata.Origin !== undefined && metadata.Origin !== 'AWS_KMS') {
    return resultOf(keyRotation, resource, 'not-applicable', `KMS cannot rotate key material of origin ${metadata.Origin} automatically`);
  }
  try {
    const { KeyRotationEnabled: enabled } = await context.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    return enabled === true
      ? resultOf(keyRotation, resource, 'passed', 'automatic rotation is on')
      : resultOf(keyRotation, resource, 'failed', 'automatic rotation is off on a symmetric encryption key');
  } catch (error) {
    return unreadable(keyRotation, resource, 'the rotation status', error);
  }
};

interface KeyPolicyStatement {
  Effect?: string;
  Principal?: unknown;
  Condition?: unknown;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `"*"`, `{ "AWS": "*" }` or a list holding `"*"`: anyone. */
const isWildcardPrincipal = (principal: unknown): boolean => {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return Object.values(principal).some((value) => asList(value as string | string[]).includes('*'));
};

/** Statements that allow anyone with no condition, by position (`Sid`s may be absent). */
const unconditionedWildcardStatements = (policy: string): number[] => {
  const statements = asList((JSON.parse(policy) as { Statement?: KeyPolicyStatement | KeyPolicyStatement[] }).Statement);
  const unconditioned = (statement: KeyPolicyStatement) =>
    statement.Condition === undefined || Object.keys(statement.Condition as object).length === 0;
  return statements.flatMap((statement, index) =>
    statement.Effect === 'Allow' && isWildcardPrincipal(statement.Principal) && unconditioned(statement) ? [index] : [],
  );
};

const policyPrincipals = async (resource: string, keyId: string, context: KeyContext): Promise<CheckResult> => {
  let policy: string | undefined;
  try {
    ({ Policy: policy } = await context.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })));
  } catch (error) {
    return unreadable(keyPolicyPrincipals, resource, 'the key policy', error);
  }
  if (!policy) return resultOf(keyPolicyPrincipals, resource, 'failed', 'the key has no policy to read');
  let wildcards: number[];
  try {
    wildcards = unconditionedWildcardStatements(policy);
  } catch {
    return resultOf(keyPolicyPrincipals, resource, 'failed', 'the key policy is not valid JSON');
  }
  return wildcards.length === 0
    ? resultOf(keyPolicyPrincipals, resource, 'passed', 'no statement allows a wildcard principal without a condition')
    : resultOf(
        keyPolicyPrincipals,
        resource,
        'failed',
        `statement(s) ${wildcards.map((index) => `#${index + 1}`).join(', ')} allow a wildcard principal without a condition`,
      );
};

/** Every key check on one key: one result per check, whatever happens. */
export const checkKey = async (name: string, key: string, context: KeyContext): Promise<CheckResult[]> => {
  const resource = `key:${name}`;
  if (context.environment === 'local' || key.startsWith(LOCAL_KEY_PREFIX)) {
    return [notApplicableLocally(keyRotation, resource), notApplicableLocally(keyPolicyPrincipals, resource)];
  }
  let metadata: KeyMetadata | undefined;
  try {
    ({ KeyMetadata: metadata } = await context.kms.send(new DescribeKeyCommand({ KeyId: key })));
  } catch (error) {
    return [unreadable(keyRotation, resource, 'the key', error), await policyPrincipals(resource, key, context)];
  }
  return Promise.all([
    metadata ? rotation(resource, key, metadata, context) : resultOf(keyRotation, resource, 'failed', 'the key has no metadata'),
    policyPrincipals(resource, key, context),
  ]);
};
