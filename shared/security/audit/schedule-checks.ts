import { ListRulesCommand, ListTargetsByRuleCommand, type Rule, type Target } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, ListSchedulesCommand, type ScheduleSummary, type GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import type { DeploymentClients } from '#shared/security/audit/deployment-clients.ts';
import { auditChecks, resultOf, unreadable } from '#shared/security/audit/checks.ts';
import type { AuditInventory } from '#shared/security/audit/inventory.ts';
import { allPages } from '#shared/security/audit/pages.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';

/**
 * Schedules and event rules: each target has a dead-letter queue and a retry policy of its own.
 * The stack's schedules are found among the region's by the function they invoke (one of this
 * stage's, discovered) and recognised by the `job` of their input; its rules are the event bus's,
 * recognised by the sources and detail types they match. A job or rule of the manifests that is
 * not found fails.
 */

const { scheduleDeadLetterAndRetry, ruleDeadLetterAndRetry } = auditChecks;

type Delivery = Pick<Target, 'DeadLetterConfig' | 'RetryPolicy'>;

/** What a target lacks: a dead-letter queue, a retry policy. */
const lacking = (target: Delivery | undefined): string[] => [
  ...(target?.DeadLetterConfig?.Arn ? [] : ['a dead-letter queue']),
  ...(target?.RetryPolicy ? [] : ['a retry policy']),
];

const retries = (target: Delivery | undefined): string =>
  `${target?.RetryPolicy?.MaximumRetryAttempts ?? '?'} retries within ${target?.RetryPolicy?.MaximumEventAgeInSeconds ?? '?'} s`;

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` without its qualifier. */
const unqualified = (arn: string): string => arn.split(':').slice(0, 7).join(':');

const jobOf = (schedule: GetScheduleCommandOutput): string | undefined => {
  try {
    const job = (JSON.parse(schedule.Target?.Input ?? '{}') as { job?: unknown }).job;
    return typeof job === 'string' ? job : undefined;
  } catch {
    return undefined;
  }
};

interface ScheduleContext {
  scheduler: DeploymentClients['scheduler'];
  /** This stage's deployed functions: unqualified ARN → manifest name. */
  functionNames: ReadonlyMap<string, string>;
  inventory: AuditInventory;
}

/** The stack's schedules (those invoking one of its functions), with their details, by job. */
const schedulesByJob = async (context: ScheduleContext): Promise<Map<string, GetScheduleCommandOutput>> => {
  const summaries: ScheduleSummary[] = await allPages(async (token) => {
    const page = await context.scheduler.send(new ListSchedulesCommand({ NextToken: token, MaxResults: 100 }));
    return { items: page.Schedules, next: page.NextToken };
  });
  const ours = summaries.filter((summary) => summary.Target?.Arn && context.functionNames.has(unqualified(summary.Target.Arn)));
  const details = await Promise.all(ours.map((summary) => context.scheduler.send(new GetScheduleCommand({ Name: summary.Name, GroupName: summary.GroupName }))));
  const byJob = new Map<string, GetScheduleCommandOutput>();
  for (const schedule of details) byJob.set(jobOf(schedule) ?? `unknown job (schedule ${schedule.Name})`, schedule);
  return byJob;
};

const scheduleResult = (job: string, expectedFunction: string | undefined, schedule: GetScheduleCommandOutput | undefined): CheckResult => {
  const resource = `job:${job}`;
  if (!schedule) return resultOf(scheduleDeadLetterAndRetry, resource, 'failed', `no schedule invokes function ${expectedFunction} for this job: it is not deployed`);
  if (expectedFunction === undefined) return resultOf(scheduleDeadLetterAndRetry, resource, 'failed', 'a schedule invokes a function of the stack for a job no manifest names');
  const missing = lacking(schedule.Target);
  return missing.length === 0
    ? resultOf(scheduleDeadLetterAndRetry, resource, 'passed', `a dead-letter queue, and ${retries(schedule.Target)}`)
    : resultOf(scheduleDeadLetterAndRetry, resource, 'failed', `the schedule's target lacks ${missing.join(' and ')}`);
};

/** What a family of checks found: its results, and the ARN of each resource it found with the audit's name for it. */
export interface FoundResources {
  results: CheckResult[];
  resources: [arn: string, resource: string][];
}

/** One result per job of the manifests (and per unknown job a schedule of the stack runs), and the schedules found. */
export const checkSchedules = async (context: ScheduleContext): Promise<FoundResources> => {
  let byJob: Map<string, GetScheduleCommandOutput>;
  try {
    byJob = await schedulesByJob(context);
  } catch (error) {
    return { results: Object.keys(context.inventory.jobs).map((job) => unreadable(scheduleDeadLetterAndRetry, `job:${job}`, 'the schedules', error)), resources: [] };
  }
  const jobs = [...new Set([...Object.keys(context.inventory.jobs), ...byJob.keys()])].sort();
  return {
    results: jobs.map((job) => scheduleResult(job, context.inventory.jobs[job], byJob.get(job))),
    resources: [...byJob].flatMap(([job, schedule]) => (schedule.Arn ? [[schedule.Arn, `job:${job}`] as [string, string]] : [])),
  };
};

const sameSet = (a: unknown, b: readonly string[]): boolean =>
  Array.isArray(a) && a.length === b.length && [...a].map(String).sort().join('\n') === [...b].sort().join('\n');

/** Whether a deployed rule matches what a manifest rule says (its sources and detail types). */
const matches = (rule: Rule, expected: AuditInventory['eventRules'][string]): boolean => {
  try {
    const pattern = JSON.parse(rule.EventPattern ?? '{}') as Record<string, unknown>;
    return sameSet(pattern.source, expected.sources) && sameSet(pattern['detail-type'], expected.detailTypes);
  } catch {
    return false;
  }
};

const ruleResult = async (name: string, rule: Rule | undefined, context: { events: DeploymentClients['events']; eventBusName: string }): Promise<CheckResult> => {
  const resource = `rule:${name}`;
  if (!rule?.Name) return resultOf(ruleDeadLetterAndRetry, resource, 'failed', 'no rule on the event bus matches what the manifest says: it is not deployed');
  let targets: Target[];
  try {
    targets = await allPages(async (token) => {
      const page = await context.events.send(new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: context.eventBusName, NextToken: token }));
      return { items: page.Targets, next: page.NextToken };
    });
  } catch (error) {
    return unreadable(ruleDeadLetterAndRetry, resource, "the rule's targets", error);
  }
  if (targets.length === 0) return resultOf(ruleDeadLetterAndRetry, resource, 'failed', 'the rule has no target');
  const problems = targets.flatMap((target) => {
    const missing = lacking(target);
    return missing.length === 0 ? [] : [`target ${target.Id} lacks ${missing.join(' and ')}`];
  });
  return problems.length === 0
    ? resultOf(ruleDeadLetterAndRetry, resource, 'passed', `${targets.length} target(s), each with a dead-letter queue and a retry policy (${retries(targets[0])})`)
    : resultOf(ruleDeadLetterAndRetry, resource, 'failed', problems.join('; '));
};

/** One result per rule of the manifests, and the rules found. */
export const checkEventRules = async (context: {
  events: DeploymentClients['events'];
  eventBusName: string;
  inventory: AuditInventory;
}): Promise<FoundResources> => {
  const names = Object.keys(context.inventory.eventRules).sort();
  let rules: Rule[];
  try {
    rules = await allPages(async (token) => {
      const page = await context.events.send(new ListRulesCommand({ EventBusName: context.eventBusName, NextToken: token }));
      return { items: page.Rules, next: page.NextToken };
    });
  } catch (error) {
    return { results: names.map((name) => unreadable(ruleDeadLetterAndRetry, `rule:${name}`, 'the rules of the event bus', error)), resources: [] };
  }
  const found = new Map(names.map((name) => [name, rules.find((rule) => matches(rule, context.inventory.eventRules[name]!))]));
  const results = await Promise.all(names.map((name) => ruleResult(name, found.get(name), context)));
  return { results, resources: [...found].flatMap(([name, rule]) => (rule?.Arn ? [[rule.Arn, `rule:${name}`] as [string, string]] : [])) };
};
