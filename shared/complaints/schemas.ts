import * as z from 'zod';
import { idPattern } from '#shared/ids.ts';

/**
 * The complaint API's contract: request validation, the TypeScript types and the OpenAPI
 * document all come from these schemas.
 */

export const channels = ['web', 'app', 'social', 'email', 'phone'] as const;
export const categories = ['service_quality', 'privacy', 'security', 'fraud', 'content', 'billing', 'other'] as const;
export const statuses = ['received'] as const;

export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 5000;

/**
 * Printable text: no C0 or C1 control characters besides line breaks and tabs (terminal escape
 * sequences in staff consoles), and no bidirectional overrides (text that reads differently
 * from how it is stored).
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `Must be at most ${max} characters`)
    .regex(
      /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/,
      'Must not contain control characters',
    );

export const ContactSchema = z
  .strictObject({
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'Must be a phone number such as +44 20 7946 0000')
      .optional(),
  })
  .refine((contact) => contact.email !== undefined || contact.phone !== undefined, {
    message: 'Give an email, a phone number or both',
  })
  .meta({ id: 'Contact', description: 'How the complainant can be reached. Personal data: stored encrypted.' });

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'Must be an http or https URL' })
  .max(2048, 'Must be at most 2048 characters');

export const CreateComplaintRequestSchema = z
  .strictObject({
    channel: z.enum(channels).describe('Where the complaint was made'),
    category: z.enum(categories),
    subject: text(SUBJECT_MAX).describe('Personal data: stored encrypted'),
    description: text(DESCRIPTION_MAX).describe('Personal data: stored encrypted'),
    contact: ContactSchema.optional(),
    relatedContentUrl: httpUrl.optional().describe('The content the complaint is about, if any'),
  })
  .meta({
    id: 'CreateComplaintRequest',
    example: {
      channel: 'web',
      category: 'service_quality',
      subject: 'Checkout page times out',
      description: 'Since Monday the checkout page times out after I press Pay.',
      contact: { email: 'ada@example.com' },
    },
  });
export type CreateComplaintRequest = z.output<typeof CreateComplaintRequestSchema>;

const isoTime = z.iso.datetime();
export const ComplaintIdSchema = z.string().regex(idPattern('cmp'), 'Must be a complaint id (cmp_...)');

export const ComplaintReceiptSchema = z
  .object({
    id: ComplaintIdSchema,
    status: z.enum(statuses),
    createdAt: isoTime,
    firstResponseDueAt: isoTime.describe('The latest time of the first response: 24 hours after filing'),
  })
  .meta({ id: 'ComplaintReceipt' });

export const ComplaintSchema = ComplaintReceiptSchema.extend({
  channel: z.enum(channels),
  category: z.enum(categories),
  subject: z.string(),
  description: z.string(),
  contact: z.object({ email: z.string().optional(), phone: z.string().optional() }).optional(),
  relatedContentUrl: z.string().optional(),
  updatedAt: isoTime,
}).meta({ id: 'Complaint' });
export type ComplaintView = z.output<typeof ComplaintSchema>;

export const ComplaintSummarySchema = ComplaintReceiptSchema.extend({
  channel: z.enum(channels),
  category: z.enum(categories),
  subject: z.string(),
}).meta({ id: 'ComplaintSummary' });
export type ComplaintSummary = z.output<typeof ComplaintSummarySchema>;

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;

export const ListComplaintsQuerySchema = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
        .max(LIST_LIMIT_MAX, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`),
    )
    .optional()
    .describe(`Page size, 1 to ${LIST_LIMIT_MAX} (default ${LIST_LIMIT_DEFAULT})`),
  cursor: z.string().min(1).max(1024).optional().describe('The `nextCursor` of the previous page'),
});

export const ComplaintPageSchema = z
  .object({
    items: z.array(ComplaintSummarySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  })
  .meta({ id: 'ComplaintPage' });

export const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'Must be 8 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"');
