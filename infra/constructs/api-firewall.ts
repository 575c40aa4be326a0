import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** Requests one client address may make in any five minutes before the WAF blocks it for a while. */
  requestsPerAddressPer5Minutes: number;
  metricPrefix: string;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managedRuleGroup = (name: string, priority: number, metricPrefix: string, countOnly: string[] = []): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(countOnly.length > 0 && { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }),
    },
  },
  visibilityConfig: visibility(`${metricPrefix}-${name}`),
});

/**
 * The web ACL in front of the API's CloudFront distribution (scope CLOUDFRONT: it must live in
 * us-east-1). A rate-based rule per client address, then AWS's common rule set and known bad
 * inputs. The common set's 8 KB body rule only counts: the API limits bodies itself (413).
 */
export class ApiFirewall extends Construct {
  public readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'User protection API: rate limit per address, AWS common rules, known bad inputs',
      visibilityConfig: visibility(`${props.metricPrefix}-web-acl`),
      rules: [
        {
          name: 'RatePerAddress',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.requestsPerAddressPer5Minutes, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility(`${props.metricPrefix}-rate-per-address`),
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1, props.metricPrefix, ['SizeRestrictions_BODY']),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2, props.metricPrefix),
      ],
    });
  }
}
