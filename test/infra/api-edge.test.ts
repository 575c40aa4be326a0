import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, originVerification, routeKey, routes, type FunctionName } from '#infra/manifest.ts';
import { stageSettings } from '../../infra/stacks/deploy-stage.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection } from './synth-app.ts';

/** CloudFront's managed policies, by their documented ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/**
 * The edge of the API: the WAF web ACL (us-east-1), the CloudFront distribution in front of the
 * HTTP API with the secret origin header, the functions that check it, and the per-route
 * throttles of the stage. Synthesised without bundling the functions (this file reads no code asset).
 */
describe('the API behind CloudFront and the WAF (dev)', () => {
  let edge: Template;
  let stateless: Template;
  /** The API stack: the routes and the stage with their throttles. */
  let api: Template;
  const routeFunctions = [...new Set(routes.map((route) => route.function))] as FunctionName[];

  beforeAll(() => {
    const synthesised = synthUserProtection('dev');
    ({ edge, stateless, api } = synthesised);
    expect(synthesised.stacks.edge.region).toBe('us-east-1');
  });

  it('has a web ACL of scope CLOUDFRONT in us-east-1 with a rate rule per address and the two AWS managed rule groups', () => {
    // Assess
    expectResourceProperties(edge, 'AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Action: { Block: {} }, Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: Match.anyValue() } } }),
        Match.objectLike({
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }) },
        }),
        Match.objectLike({
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
        }),
      ],
    });
  });

  it('puts a CloudFront distribution with that web ACL in front of the HTTP API, caching nothing and forwarding what the API reads', () => {
    // Assess
    const [distribution] = Object.values(resourcesOfType(stateless, 'AWS::CloudFront::Distribution'));
    const config = distribution?.Properties?.DistributionConfig;
    expect(JSON.stringify(config.WebACLId)).toContain('Fn::GetStackOutput');
    expect(config.DefaultCacheBehavior).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
    });
    const [origin] = config.Origins;
    expect(JSON.stringify(origin.DomainName)).toContain('HttpApi');
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('adds the origin header with the generated secret, which every function serving routes may read and is told of', () => {
    // Assess
    const [distribution] = Object.values(resourcesOfType(stateless, 'AWS::CloudFront::Distribution'));
    const [header] = distribution?.Properties?.DistributionConfig.Origins[0].OriginCustomHeaders ?? [];
    expect(header.HeaderName).toBe(originVerification.header);
    expect(JSON.stringify(header.HeaderValue)).toMatch(/resolve:secretsmanager:.*OriginSecret/);
    const secretId = Object.keys(resourcesOfType(stateless, 'AWS::SecretsManager::Secret')).find((id) => id.includes('OriginSecret'));
    expectResourceProperties(stateless, 'AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 48 }) });
    const lambdas = Object.values(resourcesOfType(stateless, 'AWS::Lambda::Function'));
    for (const name of routeFunctions) {
      const fn = lambdas.find((candidate) => candidate.Properties?.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === name);
      expect(fn?.Properties?.Environment?.Variables?.[originVerification.secretArnEnv], name).toEqual({ Ref: secretId });
      expect(JSON.stringify(fn?.Properties?.Layers), name).toContain('Parameters-and-Secrets');
    }
  });

  it('throttles each route that declares a throttle, never above the stage default, after the routes exist', () => {
    // Assess
    const { throttle } = stageSettings('dev');
    const expected = Object.fromEntries(
      routes
        .filter((route) => route.throttle)
        .map((route) => [
          routeKey(route),
          {
            ThrottlingRateLimit: Math.min(route.throttle!.rateLimit, throttle.rateLimit),
            ThrottlingBurstLimit: Math.min(route.throttle!.burstLimit, throttle.burstLimit),
          },
        ]),
    );
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['POST /v1/complaints', 'POST /v1/reports/anonymous', 'POST /v1/appeals']));
    const [stage] = Object.values(resourcesOfType(api, 'AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties?.RouteSettings).toEqual(expected);
    expect(stage?.Properties?.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit });
    expect(stage?.DependsOn).toEqual(expect.arrayContaining(Object.keys(resourcesOfType(api, 'AWS::ApiGatewayV2::Route'))));
  });

  it('gives the functions with limited routes the request-limits table', () => {
    // Assess
    const limited = [...new Set(routes.filter((route) => route.limit).map((route) => route.function))];
    expect(limited.length).toBeGreaterThan(0);
    for (const name of limited) expect(functions[name].tables, name).toHaveProperty('requestLimits', 'readWrite');
  });
});
