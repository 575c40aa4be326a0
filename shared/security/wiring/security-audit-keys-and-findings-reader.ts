import type { Logger } from '@aws-lambda-powertools/logger';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { Context } from 'aws-lambda';
import { createLogger } from '#shared/observability/logger.ts';
import { observedHandler } from '#shared/observability/metrics.ts';
import { checkKey, type Kms } from '#shared/security/audit/key-checks.ts';
import { KeysAndFindingsReadRequestSchema, type KeysAndFindingsReading } from '#shared/security/audit/reader-contract.ts';
import { importSecurityHubFindings, type SecurityHub } from '#shared/security/audit/security-hub.ts';

export interface KeysAndFindingsReaderPorts {
  kms: Kms;
  securityHub: SecurityHub;
}

/**
 * The keys and findings reader's handler: the key checks on the keys the audit names and, where it
 * names the stack's resources, Security Hub's findings on them; a malformed request fails loudly.
 */
export const createKeysAndFindingsReaderHandler = (ports: KeysAndFindingsReaderPorts, logger: Logger) =>
  observedHandler(async (event: unknown, context: Context): Promise<KeysAndFindingsReading> => {
    logger.addContext(context);
    const request = KeysAndFindingsReadRequestSchema.safeParse(event);
    if (!request.success) {
      logger.error('Not a keys and findings read request');
      throw new Error('The keys and findings reader expects { keys, resources? } from the security audit');
    }
    const { keys, resources } = request.data;
    const [keyResults, findings] = await Promise.all([
      Promise.all(Object.keys(keys).sort().map((name) => checkKey(name, keys[name]!, { environment: 'aws', kms: ports.kms }))),
      resources ? importSecurityHubFindings(ports.securityHub, new Map(Object.entries(resources))) : [],
    ]);
    logger.info('keys and findings read', { keys: keyResults.length, findings: findings.length });
    return { keys: keyResults.flat(), findings };
  });

/** The security audit's keys and findings reader, invoked by the audit function in AWS only. */
export const keysAndFindingsReaderHandlerFromEnvironment = () =>
  createKeysAndFindingsReaderHandler({ kms: new KMSClient({}), securityHub: new SecurityHubClient({}) }, createLogger('security-audit-keys-and-findings-reader'));
