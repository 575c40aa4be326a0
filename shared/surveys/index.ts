/**
 * What other parts of the system may use of the surveys context. It publishes no domain events and
 * offers no query to other contexts; it subscribes to customer service's `complaint.resolved`
 * (manifest.ts, `eventRules`). Its OpenAPI paths are imported from `#shared/surveys/http/openapi.ts`
 * by the document only.
 */

/** The bounded context: the partition of its figures and the name in its logs. */
export const SURVEYS = 'surveys';
