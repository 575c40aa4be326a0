/**
 * `npm run openapi`: writes the OpenAPI document the platform function serves
 * (shared/platform/http/openapi-document.generated.ts) from the zod schemas of every context.
 * Run it after changing a route or a schema; a unit test fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_DOCUMENT_FILE, openApiDocumentModule } from '#shared/platform/http/openapi-document.ts';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';

const file = path.join(REPOSITORY_ROOT, GENERATED_DOCUMENT_FILE);
writeFileSync(file, openApiDocumentModule());
console.log(`Wrote ${GENERATED_DOCUMENT_FILE}`);
