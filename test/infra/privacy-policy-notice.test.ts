import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { applyPrivacyPolicyNotice, privacyPolicyMinNoticeDaysContext } from '../../infra/constructs/privacy-policy-notice.ts';

/** The privacy policy's minimum notice in AWS: set from the context value, refused at synth time when it is not a number of days. */
describe('the minimum notice of a new privacy-policy version', () => {
  const applied = (context: Record<string, unknown>) => {
    const environment: Record<string, string> = {};
    const stack = new Stack(new App({ context }), 'Notice');
    applyPrivacyPolicyNotice(stack, { addEnvironment: (key, value) => (environment[key] = value) });
    return environment;
  };

  it('is the context value when one is given, and the function’s default otherwise', () => {
    expect(applied({ [privacyPolicyMinNoticeDaysContext]: '14' })).toEqual({ PRIVACY_POLICY_MIN_NOTICE_DAYS: '14' });
    expect(applied({})).toEqual({});
  });

  it.each(['two weeks', '-1', '366', '1.5'])('refuses %s', (value) => {
    expect(() => applied({ [privacyPolicyMinNoticeDaysContext]: value })).toThrow(/whole number of days from 0 to 365/);
  });
});
