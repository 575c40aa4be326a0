import * as z from 'zod/mini';

const incidentId = z.string().check(z.regex(/^inc_[0-9A-HJKMNP-TV-Z]{26}$/));
const detectionKey = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#inc_[0-9A-HJKMNP-TV-Z]{26}$/));

/** The shapes of the last keys a cursor of each listing may carry; anything else is refused. */
export const incidentPageKeySchema = z.strictObject({
  pk: z.string().check(z.startsWith('INCIDENT#'), z.maxLength(60)),
  sk: z.literal('INCIDENT'),
  incidentsPk: z.literal('INCIDENTS'),
  incidentsSk: detectionKey,
});
export const incidentStatusPageKeySchema = z.strictObject({
  pk: z.string().check(z.startsWith('INCIDENT#'), z.maxLength(60)),
  sk: z.literal('INCIDENT'),
  statusPk: z.string().check(z.startsWith('STATUS#'), z.maxLength(30)),
  statusSk: detectionKey,
});
/** An incident's id. */
export const incidentIdSchema = incidentId;
