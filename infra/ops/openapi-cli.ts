/**
 * `npm run openapi`: writes the OpenAPI document the platform function serves
 * (shared/platform/http/openapi-document.generated.ts) from the zod schemas of every context, and
 * the JSON Schema of a published transparency report the report pages serve
 * (shared/transparency/http/report-json-schema.generated.ts) from the report's schema.
 * Run it after changing a route or a schema; a unit test fails while either file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_DOCUMENT_FILE, openApiDocumentModule } from '#shared/platform/http/openapi-document.ts';
import { GENERATED_REPORT_JSON_SCHEMA_FILE, reportJsonSchemaModule } from '#shared/transparency/http/report-schemas.ts';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';

for (const [file, contents] of [
  [GENERATED_DOCUMENT_FILE, openApiDocumentModule()],
  [GENERATED_REPORT_JSON_SCHEMA_FILE, reportJsonSchemaModule()],
] as const) {
  writeFileSync(path.join(REPOSITORY_ROOT, file), contents);
  console.log(`Wrote ${file}`);
}
