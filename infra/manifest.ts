import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { eventBus, platformTables } from '#shared/manifest/platform.ts';
import type {
  EventRuleDefinition as ContextEventRuleDefinition,
  FunctionDefinition as ContextFunctionDefinition,
  JobDefinition as ContextJobDefinition,
  RouteDefinition as ContextRouteDefinition,
  TableAccess as ContextTableAccess,
} from '#shared/manifest/types.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import { notificationsManifest } from '#shared/notifications/manifest.ts';
import { platformManifest } from '#shared/platform/manifest.ts';
import { privacyManifest } from '#shared/privacy/manifest.ts';
import { securityManifest } from '#shared/security/manifest.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';

/**
 * The composed manifest: every context's tables, queues, functions, routes, jobs and event rules,
 * as each context declares them in `shared/<context>/manifest.ts`. Both the CDK stacks
 * (infra/stacks) and the local stack (infra/local) are built from it, so what runs on a laptop and
 * what `cdk deploy` ships cannot drift apart. Nothing here imports the CDK.
 */

export const tables = {
  ...platformTables,
  ...customerServiceManifest.tables,
  ...moderationManifest.tables,
  ...surveysManifest.tables,
  ...accessLogManifest.tables,
  ...notificationsManifest.tables,
  ...securityManifest.tables,
  ...transparencyManifest.tables,
  ...privacyManifest.tables,
};
export type TableName = keyof typeof tables;

export const queues = { ...moderationManifest.queues, ...notificationsManifest.queues };
export type QueueName = keyof typeof queues;

const allFunctions = {
  ...customerServiceManifest.functions,
  ...platformManifest.functions,
  ...moderationManifest.functions,
  ...surveysManifest.functions,
  ...accessLogManifest.functions,
  ...notificationsManifest.functions,
  ...securityManifest.functions,
  ...transparencyManifest.functions,
  ...privacyManifest.functions,
};
export type FunctionName = keyof typeof allFunctions;

/**
 * The definitions as the composition checks them: every table, queue and function a context names
 * exists in some context (a compile error otherwise).
 */
export interface FunctionDefinition extends ContextFunctionDefinition {
  tables: Partial<Record<TableName, ContextTableAccess>>;
  sendsTo?: readonly QueueName[];
  consumes?: { queue: QueueName; batchSize: number; maxBatchingWindowSeconds: number };
  relaysOutbox?: { table: TableName; batchSize: number; maxBatchingWindowSeconds: number };
}
export const functions = allFunctions satisfies Record<FunctionName, FunctionDefinition>;

/** The `source` each function's domain events carry: `<system>.<its context>`. */
export const eventSourceOf = Object.fromEntries(
  [customerServiceManifest, moderationManifest, surveysManifest, platformManifest, accessLogManifest, notificationsManifest, securityManifest, transparencyManifest, privacyManifest].flatMap((context) =>
    Object.keys(context.functions).map((name) => [name, `${eventBus.source}.${context.name}`]),
  ),
) as Record<FunctionName, string>;

export interface RouteDefinition extends ContextRouteDefinition {
  function: FunctionName;
}
export const routes: readonly RouteDefinition[] = [
  ...customerServiceManifest.routes,
  ...moderationManifest.routes,
  ...surveysManifest.routes,
  ...platformManifest.routes,
  ...accessLogManifest.routes,
  ...notificationsManifest.routes,
  ...securityManifest.routes,
  ...transparencyManifest.routes,
  ...privacyManifest.routes,
];

const allJobs = {
  ...customerServiceManifest.jobs,
  ...moderationManifest.jobs,
  ...surveysManifest.jobs,
  ...platformManifest.jobs,
  ...securityManifest.jobs,
  ...transparencyManifest.jobs,
  ...privacyManifest.jobs,
};
export type JobName = keyof typeof allJobs;
export interface JobDefinition extends ContextJobDefinition {
  function: FunctionName;
}
export const jobs = allJobs satisfies Record<JobName, JobDefinition>;

const allEventRules = { ...surveysManifest.eventRules, ...notificationsManifest.eventRules, ...securityManifest.eventRules };
export type EventRuleName = keyof typeof allEventRules;
/** A rule targets a function or a queue that some context declares. */
export type EventRuleDefinition = ContextEventRuleDefinition & ({ function: FunctionName; queue?: never } | { queue: QueueName; function?: never });
export const eventRules = allEventRules satisfies Record<EventRuleName, EventRuleDefinition>;

export * from '#shared/manifest/platform.ts';
export * from '#shared/manifest/types.ts';
