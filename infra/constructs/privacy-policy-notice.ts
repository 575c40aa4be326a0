import type { Construct } from 'constructs';
import { minNoticeDaysSetting } from '#shared/transparency/manifest.ts';
import { applySetting } from './deploy-settings.ts';

/** `cdk deploy -c privacyPolicyMinNoticeDays=14`: the days a new privacy-policy version is announced before it takes effect. */
export const privacyPolicyMinNoticeDaysContext = minNoticeDaysSetting.context;

/**
 * The minimum notice of a new privacy-policy version, from the context value when it is given
 * (the function keeps its own default, 30 days, otherwise). Checked at synth time with the rule the
 * function applies at its start, so a bad value fails the deploy rather than the function.
 */
export const applyPrivacyPolicyNotice = (scope: Construct, target: { addEnvironment(key: string, value: string): unknown }): void =>
  applySetting(scope, minNoticeDaysSetting, [target]);
