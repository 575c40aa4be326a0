import { Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/** The services that encrypt at rest with the storage key on a caller's behalf. */
export type StorageService = 'dynamodb' | 'sqs';

/**
 * What a caller of a table or a queue encrypted with a customer-managed key must be allowed on the
 * key: the same actions CDK's `grantReadData`, `grantReadWriteData`, `grantStreamRead`,
 * `grantConsumeMessages` and a producer's send need, without CDK's automatic (unconditioned) statement.
 */
export const storageKeyActions = {
  readTable: ['kms:Decrypt', 'kms:DescribeKey'],
  /** A table's stream is encrypted with the table's key; DynamoDB decrypts its records for the reader. */
  readStream: ['kms:Decrypt', 'kms:DescribeKey'],
  writeTable: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
  consumeQueue: ['kms:Decrypt'],
  sendToQueue: ['kms:GenerateDataKey', 'kms:Decrypt'],
} as const;

/** `dynamodb.<region>.amazonaws.com`: the value of `kms:ViaService` when that service calls KMS for a caller. */
const viaService = (scope: Construct, service: StorageService): string =>
  `${service}.${Stack.of(scope).region}.amazonaws.com`;

/**
 * Lets `grantee` use the storage key only through `service` (condition `kms:ViaService`): DynamoDB
 * and SQS can decrypt what they store for it, but the grantee cannot call KMS Decrypt on the key
 * itself, so a ciphertext taken out of a table or a message opens nowhere else.
 */
export function grantStorageKeyVia(
  scope: Construct,
  grantee: IGrantable,
  key: IKey,
  service: StorageService,
  actions: readonly string[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...actions],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': viaService(scope, service) } },
    }),
  );
}
