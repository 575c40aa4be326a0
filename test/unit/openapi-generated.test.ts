import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openApiDocumentGzip } from '#shared/platform/http/openapi-document.generated.ts';
import { buildOpenApiDocument } from '#shared/platform/http/openapi-document.ts';
import { reportJsonSchemaText } from '#shared/transparency/http/report-json-schema.generated.ts';
import { reportJsonSchema } from '#shared/transparency/http/report-schemas.ts';

describe('the OpenAPI document the platform function serves', () => {
  it('is the one the schemas give today, byte for byte (after changing a route or a schema, run `npm run openapi`)', () => {
    const served = gunzipSync(Buffer.from(openApiDocumentGzip, 'hex')).toString('utf8');
    // Compared as booleans first: a diff of two half-megabyte strings helps nobody.
    expect(served === JSON.stringify(buildOpenApiDocument()), 'shared/platform/http/openapi-document.generated.ts is stale: run `npm run openapi`').toBe(true);
  });
});

describe('the JSON Schema of a published report the report pages serve', () => {
  it('is the one the report schema gives today, byte for byte (after changing it, run `npm run openapi`)', () => {
    expect(reportJsonSchemaText === JSON.stringify(reportJsonSchema()), 'shared/transparency/http/report-json-schema.generated.ts is stale: run `npm run openapi`').toBe(true);
    expect(JSON.parse(reportJsonSchemaText)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: expect.any(String) });
  });
});
