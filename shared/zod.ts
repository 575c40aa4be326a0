/**
 * How the code uses zod: its small build, `zod/mini`, for every request, response, cursor and
 * event schema. It builds the same schemas as full zod and checks them with the same core, with
 * much less code to load and run at a function's cold start (see the README's Benchmarks). Its
 * style is functional: `z.optional(z.string().check(z.maxLength(10)))` where full zod writes
 * `z.string().max(10).optional()`. A lint rule keeps full zod out of shared/ and functions/.
 *
 * A schema module imports `* as z from 'zod/mini'` itself (esbuild leaves out the parts of zod a
 * function does not use only for a namespace imported so, not for one re-exported from here), and
 * `meta` and `describe` from here.
 *
 * Loading this module also sets zod's English messages, which full zod sets when it loads and the
 * small build leaves out, so that a problem's field errors read as they always have; the request
 * readers (shared/http/request.ts) load it for that.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

/**
 * A copy of `schema` carrying `metadata` for the OpenAPI document (`id`, `description`,
 * `example`...), as full zod's `.meta()` makes it: the original is left as it was.
 */
export const meta = <T extends z.ZodMiniType>(schema: T, metadata: z.core.GlobalMeta): T => {
  const copy = z.clone(schema);
  z.globalRegistry.add(copy, metadata);
  return copy;
};

/** A copy of `schema` with its description, as full zod's `.describe()` makes it. */
export const describe = <T extends z.ZodMiniType>(schema: T, description: string): T => meta(schema, { description });
