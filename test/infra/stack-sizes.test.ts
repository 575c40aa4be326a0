import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthUserProtection } from './synth-app.ts';

/**
 * CloudFormation refuses a template of more than 500 resources or 200 outputs. Each stack keeps
 * room for the next contexts: a route adds one resource to the API stack, a function about four
 * to the stateless stack, a job about eleven (schedule, queues, alarms, roles).
 */
const maxResourcesPerStack = 450;
const maxOutputsPerStack = 150;

describe('stack sizes (prod)', () => {
  let templates: Array<[name: string, template: Template]>;

  beforeAll(() => {
    const { stacks } = synthUserProtection('prod');
    const all = [stacks.stateful, stacks.stateless, stacks.api, stacks.edge, stacks.monitoring];
    templates = all.map((stack) => [stack.stackName, Template.fromStack(stack)]);
  });

  it(`keeps every stack under ${maxResourcesPerStack} of CloudFormation's 500 resources`, () => {
    // Act
    const sizes = templates.map(([name, template]) => [name, Object.keys(template.toJSON().Resources).length] as const);

    // Assess
    expect(sizes).toHaveLength(5);
    for (const [name, size] of sizes) expect(size, name).toBeLessThan(maxResourcesPerStack);
  });

  it(`keeps every stack under ${maxOutputsPerStack} of CloudFormation's 200 outputs (cross-stack exports included)`, () => {
    // Act
    const outputs = templates.map(([name, template]) => [name, Object.keys(template.toJSON().Outputs ?? {}).length] as const);

    // Assess
    for (const [name, count] of outputs) expect(count, name).toBeLessThan(maxOutputsPerStack);
  });

  it('puts the routes in the API stack, apart from the functions', () => {
    // Act
    const routesIn = Object.fromEntries(
      templates.map(([name, template]) => [name, Object.keys(template.findResources('AWS::ApiGatewayV2::Route')).length]),
    );

    // Assess
    expect(routesIn['UserProtection-prod-Api']).toBeGreaterThan(100);
    expect(routesIn['UserProtection-prod-Stateless']).toBe(0);
  });
});
