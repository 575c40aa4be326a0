import type { Logger } from '@aws-lambda-powertools/logger';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { Context } from 'aws-lambda';
import { createLogger } from '#shared/observability/logger.ts';
import { observedHandler } from '#shared/observability/metrics.ts';
import { SecurityHubReadRequestSchema, type SecurityHubReading } from '#shared/security/audit/reader-contract.ts';
import { importSecurityHubFindings, type SecurityHub } from '#shared/security/audit/security-hub.ts';

/** The Security Hub reader's handler: the findings on the resources the audit names; a malformed request fails loudly. */
export const createSecurityHubReaderHandler = (securityHub: SecurityHub, logger: Logger) =>
  observedHandler(async (event: unknown, context: Context): Promise<SecurityHubReading> => {
    logger.addContext(context);
    const request = SecurityHubReadRequestSchema.safeParse(event);
    if (!request.success) {
      logger.error('Not a Security Hub read request');
      throw new Error('The Security Hub reader expects { resources } from the security audit');
    }
    const results = await importSecurityHubFindings(securityHub, new Map(Object.entries(request.data.resources)));
    logger.info('Security Hub read', { results: results.length });
    return { results };
  });

/** The security audit's Security Hub reader, invoked by the audit function in AWS only. */
export const securityHubReaderHandlerFromEnvironment = () =>
  createSecurityHubReaderHandler(new SecurityHubClient({}), createLogger('security-audit-security-hub-reader'));
