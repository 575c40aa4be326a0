import { type CfnResource, Duration, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { userPools } from '#infra/manifest.ts';
import { SUPERVISORS_GROUP } from '#shared/notifications/manifest.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';

export interface StaffUserPoolProps {
  settings: StageSettings;
}

/**
 * The staff's own user pool: accounts are created by an administrator only (no self sign-up),
 * every sign-in needs a TOTP second factor, passwords are long, and in prod Cognito's threat
 * protection (Plus feature plan) blocks compromised credentials and risky sign-ins. One group
 * per staff role, and the supervisors group notifications write to about escalations; the staff
 * console signs in with SRP through its own client.
 */
export class StaffUserPool extends Construct {
  public readonly userPool: UserPool;
  public readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: StaffUserPoolProps) {
    super(scope, id);
    const { settings } = props;
    const prod = settings.stage === 'prod';
    this.userPool = new UserPool(this, 'Pool', {
      userPoolName: `user-protection-${settings.stage}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(1),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: prod ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(prod && { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }),
      deletionProtection: settings.protectData,
      removalPolicy: settings.dataRemovalPolicy,
    });
    // Stable logical id: the pool holds every staff account, replacing it would lose them.
    (this.userPool.node.defaultChild as CfnResource).overrideLogicalId(userPools.staff.logicalId);
    if (!prod) {
      Validations.of(this.userPool.node.defaultChild!).acknowledge(
        {
          id: 'AwsSolutions-COG3',
          reason: 'Threat protection (Plus plan, billed per active user) runs in prod only; dev holds test staff accounts, each with TOTP MFA required.',
        },
        {
          id: 'AwsSolutions-COG8',
          reason: 'The Plus feature plan (threat protection) runs in prod only; dev holds test staff accounts, each with TOTP MFA required.',
        },
      );
    }
    for (const role of userPools.staff.roles) {
      new UserPoolGroup(this, `${role}Group`, { userPool: this.userPool, groupName: role, description: `Staff role ${role}` });
    }
    // Not a role (tokens carry it, the API ignores it): the staff told of escalated complaints.
    new UserPoolGroup(this, 'SupervisorsGroup', {
      userPool: this.userPool,
      groupName: SUPERVISORS_GROUP,
      description: 'Staff told by notification of escalated complaints',
    });
    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: userPools.staff.localClientId,
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(30),
      idTokenValidity: Duration.minutes(30),
      // A working day: staff sign in again (with their second factor) every morning.
      refreshTokenValidity: Duration.hours(12),
    });
  }
}
