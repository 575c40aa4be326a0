import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { readStage } from '#shared/config.ts';
import type { Stage } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { observedHandler } from '#shared/observability/metrics.ts';
import { deploymentClientsFromEnvironment, type DeploymentClients } from '#shared/security/audit/deployment-clients.ts';
import { readDeployment } from '#shared/security/audit/deployment-reader.ts';
import { readAuditDeployment, readAuditInventory, type AuditDeployment, type AuditInventory } from '#shared/security/audit/inventory.ts';
import { DeploymentReadRequestSchema, type DeploymentReading } from '#shared/security/audit/reader-contract.ts';

export interface DeploymentReaderPorts {
  stage: Stage;
  clients: DeploymentClients;
  /** What the manifests say should be deployed (the inventory file of its layer) and what the stack names. */
  inventory: () => AuditInventory;
  deployment: () => AuditDeployment;
}

/** The deployment reader's handler: one reading per request of the audit function; a malformed request fails loudly. */
export const createDeploymentReaderHandler = (ports: DeploymentReaderPorts, logger: Logger) =>
  observedHandler(async (event: unknown, context: Context): Promise<DeploymentReading> => {
    logger.addContext(context);
    const request = DeploymentReadRequestSchema.safeParse(event);
    if (!request.success) {
      logger.error('Not a deployment read request');
      throw new Error('The deployment reader expects { now, targets } from the security audit');
    }
    const { now, targets } = request.data;
    const reading = await readDeployment({ ...ports, now: new Date(now), targets, inventory: ports.inventory(), deployment: ports.deployment() });
    logger.info('deployment read', { results: reading.results.length, resources: Object.keys(reading.resources).length });
    return reading;
  });

/** The security audit's deployment reader, invoked by the audit function in AWS only. */
export const deploymentReaderHandlerFromEnvironment = () => {
  const ports: DeploymentReaderPorts = {
    stage: readStage(),
    clients: deploymentClientsFromEnvironment(),
    inventory: () => readAuditInventory(),
    deployment: () => readAuditDeployment(),
  };
  return createDeploymentReaderHandler(ports, createLogger('security-audit-deployment-reader'));
};
