import type { Construct } from 'constructs';
import { MIN_NOTICE_DAYS_ENV } from '#shared/transparency/manifest.ts';

/** `cdk deploy -c privacyPolicyMinNoticeDays=14`: the days a new privacy-policy version is announced before it takes effect. */
export const privacyPolicyMinNoticeDaysContext = 'privacyPolicyMinNoticeDays';

/**
 * The minimum notice of a new privacy-policy version, from the context value when it is given
 * (the function keeps its own default, 30 days, otherwise). Checked at synth time with the rule the
 * function applies at its start, so a bad value fails the deploy rather than the function.
 */
export const applyPrivacyPolicyNotice = (scope: Construct, target: { addEnvironment(key: string, value: string): unknown }): void => {
  const value = scope.node.tryGetContext(privacyPolicyMinNoticeDaysContext) as unknown;
  if (value === undefined) return;
  const days = String(value);
  if (!/^\d{1,3}$/.test(days) || Number(days) > 365) {
    throw new Error(`-c ${privacyPolicyMinNoticeDaysContext} must be a whole number of days from 0 to 365; got ${JSON.stringify(value)}`);
  }
  target.addEnvironment(MIN_NOTICE_DAYS_ENV, String(Number(days)));
};
