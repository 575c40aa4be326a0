import { Duration, Fn, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { type Function as LambdaFunction, ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { originVerification, routes, type FunctionName } from '#infra/manifest.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';

export interface ApiDistributionProps {
  api: HttpApi;
  /** The WAF web ACL (scope CLOUDFRONT, from the us-east-1 edge stack). */
  webAclArn: string;
  /** The functions that serve routes: they read the origin secret to check the header. */
  routeFunctions: readonly LambdaFunction[];
  settings: StageSettings;
}

/**
 * CloudFront in front of the HTTP API (WAF cannot attach to an HTTP API itself). Nothing is
 * cached (the API is dynamic): every request goes to the API with its Authorization header, its
 * query string and the viewer's headers except Host (the API's domain is the origin's), plus
 * `CloudFront-Viewer-Address` and the origin header with the secret, which the API checks first.
 *
 * Rotating the secret: put a new value (`aws secretsmanager put-secret-value`; the old one becomes
 * AWSPREVIOUS, which the API still accepts), wait two minutes for the functions' caches, then
 * deploy with `-c originSecretVersion=<the new VersionId>` so that CloudFront sends the new value.
 */
export class ApiDistribution extends Construct {
  public readonly distribution: Distribution;
  public readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: `Value of the ${originVerification.header} header CloudFront adds and the API checks (${props.settings.stage})`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    for (const fn of props.routeFunctions) {
      fn.addEnvironment(originVerification.secretArnEnv, this.originSecret.secretArn);
      this.originSecret.grantRead(fn);
    }
    const versionId = this.node.tryGetContext('originSecretVersion') as string | undefined;
    const secretValue = versionId
      ? `{{resolve:secretsmanager:${this.originSecret.secretArn}:SecretString::AWSCURRENT:${versionId}}}`
      : this.originSecret.secretValue.unsafeUnwrap();

    // `https://<id>.execute-api.<region>.amazonaws.com`: the origin is the host part.
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `User protection API (${props.settings.stage})`,
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new HttpOrigin(apiDomain, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          customHeaders: { [originVerification.header]: secretValue },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    Validations.of(this.originSecret.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by the documented two-step procedure (new value, then a deploy that hands it to CloudFront); the API accepts the current and the previous value meanwhile. A rotation Lambda could not update CloudFront in step.',
    });
    Validations.of(this.distribution.node.defaultChild!).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction: people may file complaints and notices from anywhere; the WAF rate-limits by address.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'No CloudFront access logs: every request reaches the API, whose stage writes one access log line per request.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate is used until the platform has its own domain; CloudFront then allows TLS 1.0 viewers, a custom domain with TLSv1.2_2021 is to follow.',
      },
    );
  }
}

/** The functions that serve routes: they check the origin header, so they read the origin secret. */
export const routeFunctionNames: ReadonlySet<FunctionName> = new Set(routes.map((route) => route.function));

/** The Parameters and Secrets extension through which those functions read it, cached for a minute. */
export const originSecretExtension = ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
  cacheSize: 10,
  secretsManagerTtl: Duration.minutes(1),
  logLevel: ParamsAndSecretsLogLevel.WARN,
});
