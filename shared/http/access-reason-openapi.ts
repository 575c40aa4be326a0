import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { problem } from '#shared/http/problem-schema.ts';
import { ACCESS_REASON_MAX_LENGTH } from '#shared/http/request.ts';

/**
 * `X-Access-Reason` on a route where staff open a person's data, as the OpenAPI document shows
 * it: required for those reads (400 without), recorded in the access log before the data is
 * returned, and shown to the person whose data it is.
 */
export const accessReasonHeader = (what: string) =>
  z.object({
    'x-access-reason': describe(
      z.optional(z.string().check(z.maxLength(ACCESS_REASON_MAX_LENGTH))),
      `Why staff read ${what}. Required when staff open a person's data (400 without it); printable text of at most ` +
        `${ACCESS_REASON_MAX_LENGTH} characters, recorded before the data is returned and shown to the person whose data it is ` +
        '(`GET /v1/me/access-log`).',
    ),
  });

/** The 400 of a route with `X-Access-Reason`: invalid input, or a staff read without a reason. */
export const invalidOrUnexplainedRead = {
  '400': problem('The request is not valid (`errors` names each offending field), or staff gave no `X-Access-Reason` for a read of personal data'),
};
