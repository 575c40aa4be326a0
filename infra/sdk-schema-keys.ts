import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * The AWS SDK's generated schemas write their trait objects with computed keys naming a string
 * constant of the same file (`{ [_h]: ["POST", "/v2/email/outbound-emails", 200] }`). esbuild
 * cannot prove a computed key free of side effects, so it keeps every statement holding one:
 * every operation of a REST client (SES, Security Hub, Lambda, Scheduler, API Gateway), and
 * through them every shape those operations name, whichever commands the function sends. The
 * SES client left 49 KiB of schemas in the notification sender for its one command (4 KiB
 * without), Security Hub's 162 KiB in the security audit (115 KiB without: GetFindings' answer
 * names most of them). (aws/aws-sdk-js-v3#7607; the generator's fix,
 * smithy-lang/smithy-typescript#1889, writes literal keys and has not shipped.)
 *
 * This writes those keys as the literals they are, and changes nothing else: each schema module
 * exports the same values (test/infra/sdk-schema-keys.test.ts compares every client's), and
 * tree shaking drops the operations nobody sends.
 */

/** The file's `const _x = "…";` string constants, by name, as their source literals. */
const stringConstants = (source: string): Map<string, string> =>
  new Map([...source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)].map((match) => [match[1]!, match[2]!]));

/**
 * `source` with every computed object key that names one of its string constants written as that
 * string literal. A key is an object key when `{` or `,` comes before it and `:` after; an array
 * element (`[_m],`) or a constant the file does not define is left as it is.
 */
export const withLiteralTraitKeys = (source: string): string => {
  const constants = stringConstants(source);
  return source.replace(/([{,]\s*)\[(_\w+)\](\s*:)/g, (whole, before: string, name: string, colon: string) => {
    const literal = constants.get(name);
    return literal === undefined ? whole : `${before}${literal}${colon}`;
  });
};

/** The generated schema modules of the SDK's clients, as esbuild sees their paths. */
const SDK_SCHEMA_MODULE = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/** Loads each SDK schema module with literal trait keys (above), so that esbuild can shake it. */
export const sdkSchemaKeys: Plugin = {
  name: 'sdk-schema-literal-keys',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMA_MODULE }, async ({ path }) => ({
      contents: withLiteralTraitKeys(await readFile(path, 'utf8')),
      loader: 'js',
    }));
  },
};
