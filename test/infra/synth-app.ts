import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import type { DeployStage } from '../../infra/stacks/deploy-stage.ts';
import { addUserProtection } from '../../infra/stacks/user-protection.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The region the tests deploy to (a region is required: the edge stack is read across regions). */
export const testEnv = { region: 'eu-central-1' };

/** The feature flags of cdk.json: the CLI applies them, so the tests must too. */
const cdkJsonContext = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8'))
  .context as Record<string, unknown>;

/** An app with the context of cdk.json, plus `extraContext`. */
export const newApp = (extraContext: Record<string, unknown> = {}): App =>
  new App({ context: { ...cdkJsonContext, ...extraContext } });

/**
 * Builds the app exactly as infra/app.ts does (cdk-nag included, so a finding without an
 * acknowledgement makes synthesis throw) and synthesises both templates, without bundling the
 * functions' code: no test here reads a code asset, and `npm run synth` (in CI's checks) bundles
 * every function of both stages.
 *
 * Synthesis takes seconds, so each stage is synthesised once per test worker: the infra tier
 * runs its files without isolation (vitest.config.ts), and every file that asks for a stage gets
 * the same stacks and templates. They are read, never changed: a test that needs another
 * context builds its own app with `newApp`.
 */
export const synthUserProtection = (stage: DeployStage): SynthesisedApp => (synthesisedStages[stage] ??= synthesise(stage));

const synthesise = (stage: DeployStage) => {
  const app = newApp({ 'aws:cdk:bundling-stacks': [] });
  const stacks = addUserProtection(app, { stage, projectRoot, env: testEnv });
  return {
    app,
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
    api: Template.fromStack(stacks.api),
    edge: Template.fromStack(stacks.edge),
  };
};

type SynthesisedApp = ReturnType<typeof synthesise>;
const synthesisedStages: Partial<Record<DeployStage, SynthesisedApp>> = {};

export type TemplateResource = { Type: string; Properties?: Record<string, any>; [key: string]: any };

/** All resources of a type, keyed by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, TemplateResource> {
  return template.findResources(type) as Record<string, TemplateResource>;
}

/**
 * `template.hasResourceProperties(type, properties)` as an `expect` assertion: the CDK's check
 * throws on a mismatch (its message lists the closest resources), but vitest counts only `expect`
 * calls, and every test must make one.
 */
export function expectResourceProperties(template: Template, type: string, properties: unknown): void {
  expect(() => template.hasResourceProperties(type, properties)).not.toThrow();
}
