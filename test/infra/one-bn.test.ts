import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { der2raw, raw2der } from '@aws-crypto/serialize';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleSource } from './bundle-source.ts';

/**
 * The Encryption SDK's serializer writes ECDSA signatures with asn1.js, which brings its own copy
 * of bn.js (4.x) beside the one the SDK uses (5.x); the house's bundling gives asn1.js the SDK's
 * copy (infra/bundling.ts). Signatures bundled so are encoded and decoded exactly as the packages
 * as installed do, for both curves of the SDK's signing suites.
 */

const run = promisify(execFile);
const folder = mkdtempSync(path.join(tmpdir(), 'one-bn-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Raw signatures (r ‖ s) with a first byte set, clear or zero: DER pads, keeps or trims each. */
const signatures = (keyLength: number): string[] =>
  [0x00, 0x01, 0x7f, 0x80, 0xff].flatMap((first) =>
    [0x00, 0x80].map((secondHalfFirst) => {
      const bytes = Buffer.alloc(2 * keyLength, 0x5a);
      bytes[0] = first;
      bytes[1] = first === 0 ? 0 : 0x33;
      bytes[keyLength] = secondHalfFirst;
      return bytes.toString('hex');
    }),
  );
const curves = { 'P-256': 32, 'P-384': 48 } as const;
const cases = Object.entries(curves).flatMap(([curve, keyLength]) => signatures(keyLength).map((raw) => ({ curve, raw })));

const ENTRY = `import { der2raw, raw2der } from '@aws-crypto/serialize';
const cases = JSON.parse(process.argv[2]);
console.log(JSON.stringify(cases.map(({ curve, raw }) => {
  const der = raw2der(Buffer.from(raw, 'hex'), { signatureCurve: curve });
  return { der: Buffer.from(der).toString('hex'), raw: Buffer.from(der2raw(der, { signatureCurve: curve })).toString('hex') };
})));
`;

describe('ECDSA signatures in a house bundle', () => {
  it('are the same DER, and read back the same, as with the packages as installed', async () => {
    // Prepare
    const { file, inputs } = await bundleSource({ contents: ENTRY, sourcefile: 'functions/signatures/handler.ts', outDir: path.join(folder, 'signatures') });
    const expected = cases.map(({ curve, raw }) => {
      const der = raw2der(Buffer.from(raw, 'hex'), { signatureCurve: curve } as Parameters<typeof raw2der>[1]);
      return { der: Buffer.from(der).toString('hex'), raw: Buffer.from(der2raw(der, { signatureCurve: curve } as Parameters<typeof der2raw>[1])).toString('hex') };
    });

    // Act
    const { stdout } = await run(process.execPath, [file, JSON.stringify(cases)]);

    // Assess
    const copies = inputs.filter((input) => input.endsWith('bn.js/lib/bn.js'));
    expect(copies).toEqual(['node_modules/bn.js/lib/bn.js']);
    expect(JSON.parse(stdout)).toEqual(expected);
    expect(expected.map((signature) => signature.raw)).toEqual(cases.map((signature) => signature.raw));
  }, 60_000);
});
