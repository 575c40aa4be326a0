import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseBundlingOptions } from '#infra/bundling.ts';
import { bundleSource } from './bundle-source.ts';

/**
 * A bundled function takes its credentials from the environment, where Lambda puts its role's,
 * and from nowhere else: the house's bundling replaces the SDK's default credential chain
 * (infra/bundling.ts). A DynamoDB client, bundled as the house construct bundles it, resolves its
 * credentials in a fresh node, next to the same client bundled with the SDK as it ships.
 */

const run = promisify(execFile);

const ENTRY = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({ region: 'eu-central-1' });
try {
  const { accessKeyId, sessionToken } = await client.config.credentials();
  console.log(JSON.stringify({ accessKeyId, sessionToken }));
} catch (error) {
  console.log(JSON.stringify({ error: error.name, message: error.message }));
}
`;

let folder: string;
/** A home folder whose shared credentials file names a default profile, which the SDK's chain reads. */
let home: string;

/** Bundles ENTRY with the house's options and the given aliases: the file, and the inputs that went into it. */
const bundleIn = async (name: string, alias: Record<string, string>): Promise<{ file: string; inputs: string[] }> => {
  return bundleSource({ contents: ENTRY, sourcefile: 'functions/credentials/handler.ts', outDir: path.join(folder, name) }, { alias });
};

/** What the bundle's client resolved, in a fresh node with only the given environment and `home`. */
const credentialsOf = async ({ file: bundle }: { file: string }, env: Record<string, string>): Promise<Record<string, string>> => {
  const { stdout } = await run(process.execPath, [pathToFileURL(bundle).pathname], {
    env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
  });
  return JSON.parse(stdout.trim()) as Record<string, string>;
};

const ENVIRONMENT_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT',
  AWS_SECRET_ACCESS_KEY: 'environment-secret',
  AWS_SESSION_TOKEN: 'environment-session',
};

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'upp-credentials-'));
  home = path.join(folder, 'home');
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\n');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('credentials of a bundled function', () => {
  it('are the environment’s, as Lambda hands them to the function', async () => {
    // Prepare
    const bundle = await bundleIn('house', houseBundlingOptions.alias);

    // Act
    const credentials = await credentialsOf(bundle, ENVIRONMENT_CREDENTIALS);

    // Assess
    expect(credentials).toEqual({ accessKeyId: 'AKIAENVIRONMENT', sessionToken: 'environment-session' });
  }, 30_000);

  it('are looked for nowhere else: with none in the environment, a shared profile is not read', async () => {
    // Prepare
    const house = await bundleIn('house-without', houseBundlingOptions.alias);
    const asShipped = await bundleIn('as-shipped', {});

    // Act
    const fromHouse = await credentialsOf(house, {});
    const fromAsShipped = await credentialsOf(asShipped, {});

    // Assess: the SDK's own chain finds the profile, the house's bundle names what is missing
    expect(fromAsShipped).toEqual({ accessKeyId: 'AKIAPROFILE' });
    expect(fromHouse.error).toBe('CredentialsProviderError');
    expect(fromHouse.message).toBe('Unable to find environment variable credentials.');
  }, 30_000);

  it('leave the SDK’s default chain and the clients it builds out of the bundle', async () => {
    // Prepare
    const bundle = await bundleIn('inputs', houseBundlingOptions.alias);

    // Act
    const { inputs } = bundle;

    // Assess
    expect(inputs).toContain('shared/aws/environment-credentials.ts');
    expect(inputs.filter((input) => /@aws-sdk\/(credential-provider-node|nested-clients)\//.test(input))).toEqual([]);
  });
});
