import { Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { AUDIT_READERS_ENV, type AuditReaderNames } from '#shared/security/audit/lambda-readers.ts';

/** What the keys and findings reader may do on each key: describe it, and read its rotation and policy; never use it. */
export const keyReadActions = ['kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:GetKeyPolicy'] as const;

/** What the keys and findings reader may do in Security Hub: read the findings of this account and region's hub. */
export const securityHubReadActions = ['securityhub:GetFindings'] as const;

export interface SecurityAuditReadersProps {
  /** The audit function (manifest `securityAudit`), which invokes the readers. */
  audit: IFunction & { addEnvironment(key: string, value: string): unknown; role?: IRole };
  /** Manifest `securityAuditDeploymentReader` (SecurityAuditDeploymentAccess grants its reads). */
  deploymentReader: IFunction;
  /** Manifest `securityAuditKeysAndFindingsReader`. */
  keysAndFindingsReader: IFunction & { addToRolePolicy(statement: PolicyStatement): void };
  /** Every key of the stack, which the keys and findings reader describes, each named. */
  keys: readonly IKey[];
}

/**
 * The audit's two readers (shared/security/audit/reader-contract.ts): the audit function may invoke
 * exactly these two functions and finds them by the names in its environment (AUDIT_READERS); the
 * keys and findings reader may describe the stack's keys and read the hub's findings, and nothing
 * else of the audit reaches KMS's key policies or Security Hub.
 */
export class SecurityAuditReaders extends Construct {
  constructor(scope: Construct, id: string, props: SecurityAuditReadersProps) {
    super(scope, id);
    const { audit, deploymentReader, keysAndFindingsReader } = props;
    const names: AuditReaderNames = { deployment: deploymentReader.functionName, keysAndFindings: keysAndFindingsReader.functionName };
    audit.addEnvironment(AUDIT_READERS_ENV, Stack.of(this).toJsonString(names));
    const role = audit.role;
    if (!role) throw new Error('The audit function has no role to grant the invocation of its readers to');
    // A managed policy, as the audit role's inline policy already holds a statement per table and queue.
    new ManagedPolicy(this, 'InvokePolicy', {
      description: 'Security audit: invoke its deployment reader and its keys and findings reader',
      roles: [role],
      statements: [new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [deploymentReader.functionArn, keysAndFindingsReader.functionArn] })],
    });
    if (props.keys.length > 0) keysAndFindingsReader.addToRolePolicy(new PolicyStatement({ actions: [...keyReadActions], resources: props.keys.map((key) => key.keyArn) }));
    keysAndFindingsReader.addToRolePolicy(
      new PolicyStatement({ actions: [...securityHubReadActions], resources: [Stack.of(this).formatArn({ service: 'securityhub', resource: 'hub', resourceName: 'default' })] }),
    );
  }
}
