import { describe, expect, it } from 'vitest';
import { ConfigError, readDataKeyConfig, readSetting, readStage, readTableName } from '#shared/config.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';

const KMS_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('readStage', () => {
  it.each(['local', 'dev', 'prod'])('accepts the stage %s', (stage) => {
    expect(readStage({ STAGE: stage })).toBe(stage);
  });

  it.each([
    { name: 'absent', env: {} },
    { name: 'empty', env: { STAGE: '' } },
    { name: 'blank', env: { STAGE: '   ' } },
  ])('refuses a STAGE that is $name, naming the variable', ({ env }) => {
    expect(() => readStage(env)).toThrow(new ConfigError('Missing environment variable STAGE'));
  });

  it.each(['production', 'PROD', 'staging', ' prod'])('refuses the unknown STAGE %j, listing the stages', (stage) => {
    // Act
    const act = () => readStage({ STAGE: stage });

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/STAGE must be one of local, dev, prod/);
  });
});

describe('readTableName', () => {
  it('reads the table name from its variable and names the variable when it is missing', () => {
    expect(readTableName(customerServiceManifest.tables.complaints, { COMPLAINTS_TABLE_NAME: 'complaints-dev' })).toBe('complaints-dev');
    expect(() => readTableName(customerServiceManifest.tables.complaints, {})).toThrow(/COMPLAINTS_TABLE_NAME/);
  });
});

describe('readDataKeyConfig', () => {
  it('refuses to start without a stage', () => {
    expect(() => readDataKeyConfig({ DATA_KEY_ARN: KMS_ARN })).toThrow(new ConfigError('Missing environment variable STAGE'));
  });

  it.each(['dev', 'prod'])('uses the KMS key on the %s stage', (stage) => {
    // Act
    const config = readDataKeyConfig({ STAGE: stage, DATA_KEY_ARN: KMS_ARN });

    // Assess
    expect(config).toEqual({ kind: 'kms', keyArn: KMS_ARN });
  });

  it('prefers the KMS key when the local stage has both', () => {
    expect(readDataKeyConfig({ STAGE: 'local', DATA_KEY_ARN: KMS_ARN, LOCAL_DATA_KEY_FILE: '/tmp/key' })).toEqual({
      kind: 'kms',
      keyArn: KMS_ARN,
    });
  });

  it('uses the local key file on the local stage', () => {
    expect(readDataKeyConfig({ STAGE: 'local', LOCAL_DATA_KEY_FILE: '/home/dev/.local/data-key' })).toEqual({
      kind: 'local',
      keyFile: '/home/dev/.local/data-key',
    });
  });

  it.each(['dev', 'prod'])('refuses the local key file on the %s stage and asks for the KMS key', (stage) => {
    // Act
    const act = () => readDataKeyConfig({ STAGE: stage, LOCAL_DATA_KEY_FILE: '/home/dev/.local/data-key' });

    // Assess
    expect(act).toThrow(new ConfigError('Missing environment variable DATA_KEY_ARN'));
  });

  it('tells the local stage which variables it can set when it has neither', () => {
    expect(() => readDataKeyConfig({ STAGE: 'local' })).toThrow(ConfigError);
    expect(() => readDataKeyConfig({ STAGE: 'local' })).toThrow(/LOCAL_DATA_KEY_FILE.*DATA_KEY_ARN/);
  });

  it.each(['not-an-arn', 'alias/user-protection'])(
    'refuses the malformed DATA_KEY_ARN %j with a ConfigError naming the variable',
    (keyArn) => {
      // Act
      const act = () => readDataKeyConfig({ STAGE: 'prod', DATA_KEY_ARN: keyArn });

      // Assess
      expect(act).toThrow(ConfigError);
      expect(act).toThrow(/DATA_KEY_ARN/);
    },
  );
});

describe('readSetting', () => {
  const days = { env: 'NOTICE_DAYS', fallback: 30, min: 0, max: 365, whole: true, unit: 'days' } as const;
  const hours = { env: 'WARNING_HOURS', fallback: 24, min: 0, max: 72 } as const;

  it('is the fallback when the variable is unset or empty, else the number it holds', () => {
    expect(readSetting(days, {})).toBe(30);
    expect(readSetting(days, { NOTICE_DAYS: ' ' })).toBe(30);
    expect(readSetting(days, { NOTICE_DAYS: '0' })).toBe(0);
    expect(readSetting(days, { NOTICE_DAYS: '365' })).toBe(365);
    expect(readSetting(hours, { WARNING_HOURS: '1.5' })).toBe(1.5);
  });

  it.each(['-1', '366', '2.5', 'thirty', 'Infinity'])('refuses %s for a whole number of days, naming the variable and the rule', (raw) => {
    expect(() => readSetting(days, { NOTICE_DAYS: raw })).toThrow(ConfigError);
    expect(() => readSetting(days, { NOTICE_DAYS: raw })).toThrow('NOTICE_DAYS must be a whole number of days from 0 to 365');
  });

  it('refuses a number out of range when fractions are allowed', () => {
    expect(() => readSetting(hours, { WARNING_HOURS: '72.5' })).toThrow('WARNING_HOURS must be a number from 0 to 72');
  });
});
