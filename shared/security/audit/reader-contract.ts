import * as z from 'zod/mini';
import { ReadinessTargetsSchema } from '#shared/platform/readiness.ts';
import { CheckResultSchema } from '#shared/security/domain/audit.ts';

/**
 * What the audit asks its two readers, and what they answer. What runs the code, the keys and
 * Security Hub are read by functions of their own, invoked synchronously by the audit function:
 * the deployment reader (functions and their roles and log groups, the HTTP API, schedules, event
 * rules: six SDK clients) and the keys and findings reader (the KMS keys' rotation and policies,
 * and Security Hub's findings on the resources the deployment reader found: what the security
 * team owns). Each holds the read permissions of its part only, and loads only its own clients.
 * Both sides parse with these schemas: a request or an answer of another shape is an error, never
 * half-read.
 */

/** ARN → the audit's name of the resource (`function:complaints`, `table:complaints`): what Security Hub findings are looked up on. */
const StackResourcesSchema = z.record(z.string(), z.string());

/** The run's time (the runtime check compares it with deprecation dates) and the stack's tables, queues and keys. */
export const DeploymentReadRequestSchema = z.object({ now: z.iso.datetime(), targets: ReadinessTargetsSchema });
type DeploymentReadRequest = z.infer<typeof DeploymentReadRequestSchema>;

/** One result per deployment check and resource, and every resource of the stack the reader knows by ARN. */
export const DeploymentReadingSchema = z.object({ results: z.array(CheckResultSchema), resources: StackResourcesSchema });
export type DeploymentReading = z.infer<typeof DeploymentReadingSchema>;

/**
 * The stack's keys (manifest name → key ARN) and, once the deployment is read, its resources to
 * look Security Hub findings up on; without them, no findings are imported.
 */
export const KeysAndFindingsReadRequestSchema = z.object({ keys: z.record(z.string(), z.string()), resources: z.optional(StackResourcesSchema) });
type KeysAndFindingsReadRequest = z.infer<typeof KeysAndFindingsReadRequestSchema>;

/** The key checks' results, and Security Hub's: its summary result (`security-hub.findings`), then one per finding (none when no resources were given). */
export const KeysAndFindingsReadingSchema = z.object({ keys: z.array(CheckResultSchema), findings: z.array(CheckResultSchema) });
export type KeysAndFindingsReading = z.infer<typeof KeysAndFindingsReadingSchema>;

/** The audit's port to its readers (lambda-readers.ts in AWS). */
export interface AuditReaders {
  readDeployment(request: DeploymentReadRequest): Promise<DeploymentReading>;
  readKeysAndFindings(request: KeysAndFindingsReadRequest): Promise<KeysAndFindingsReading>;
}
