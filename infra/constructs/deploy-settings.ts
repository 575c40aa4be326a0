import type { Construct } from 'constructs';
import { ConfigError, readSetting, settingRule } from '#shared/config.ts';
import type { NumberSetting } from '#shared/manifest/types.ts';

/**
 * A setting given at deploy (`cdk deploy -c <context>=<n>`), checked with the rule the function
 * applies at its start, and put in the environment of `targets`; when the context is absent
 * nothing is set and the functions keep their fallback. A bad value fails the synth.
 */
export const applySetting = (
  scope: Construct,
  setting: NumberSetting & { context: string },
  targets: ReadonlyArray<{ addEnvironment(key: string, value: string): unknown }>,
): void => {
  const given = scope.node.tryGetContext(setting.context) as unknown;
  if (given === undefined) return;
  let value: number;
  try {
    value = readSetting(setting, { [setting.env]: String(given) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new Error(`-c ${setting.context} must be ${settingRule(setting)}; got ${JSON.stringify(given)}`);
  }
  for (const target of targets) target.addEnvironment(setting.env, String(value));
};
