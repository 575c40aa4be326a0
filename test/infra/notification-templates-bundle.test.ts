import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { locales, messageTypes, type CommonParams, type MessageParams, type MessageType } from '#shared/notifications/domain/catalogue.ts';
import { renderMessage } from '#shared/notifications/templates/render.ts';
import { sampleParams } from '#shared/notifications/templates/samples.ts';
import { bundleSource } from './bundle-source.ts';

/**
 * Every message, in every locale, renders in a bundle built as the notification functions' are
 * (infra/bundling.ts) exactly as it does from the source: nothing the renderer needs (its locale
 * formats, its vocabularies) is left out of a bundle.
 */

const run = promisify(execFile);
const folder = mkdtempSync(path.join(tmpdir(), 'notification-templates-bundle-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const inboxUrl = 'https://app.example.test/inbox';
const ENTRY = `import { locales, messageTypes } from '#shared/notifications/domain/catalogue.ts';
import { renderMessage } from '#shared/notifications/templates/render.ts';
import { sampleParams } from '#shared/notifications/templates/samples.ts';
const rendered = messageTypes.flatMap((type) => locales.map((locale) => renderMessage(type, locale, { ...sampleParams[type], inboxUrl: ${JSON.stringify(inboxUrl)} })));
console.log(JSON.stringify(rendered));
`;

describe('templates rendered in a bundle', () => {
  it('are the same as rendered from the source', async () => {
    // Prepare
    const { file, inputs } = await bundleSource({ contents: ENTRY, sourcefile: 'functions/render/handler.ts', outDir: path.join(folder, 'render') });
    const expected = messageTypes.flatMap((type) =>
      locales.map((locale) => renderMessage(type, locale, { ...sampleParams[type], inboxUrl } as MessageParams[MessageType] & CommonParams)),
    );

    // Act
    const { stdout } = await run(process.execPath, [file], { maxBuffer: 64 * 1024 * 1024 });

    // Assess
    expect(inputs).toContain('shared/notifications/templates/fields.ts');
    expect(JSON.parse(stdout)).toEqual(expected);
    expect(expected.length).toBe(messageTypes.length * locales.length);
  }, 60_000);
});
