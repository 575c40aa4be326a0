import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { periodPatterns } from '#shared/figures/periods.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { severities } from '#shared/security/domain/audit.ts';
import { incidentCategories, incidentStatuses, peopleNoticeDecisions, REGULATOR_NOTICE_HOURS } from '#shared/security/domain/incidents.ts';
import { idPatterns } from '#shared/security/store/keys.ts';
import { incidentIdSchema } from '#shared/security/store/incident-page-keys.ts';

/**
 * The incident register's requests: their validation, their TypeScript types and their part of
 * the OpenAPI document come from these schemas. The answers' schemas are in
 * incident-response-schemas.ts, which only the OpenAPI document loads: a schema is built when its
 * module loads, and the security-incidents function, which never parses an answer, would build
 * them all at every cold start. `Instant` and `PeopleNoticeSchema` are exported for the answers,
 * which use the same schemas (an incident shows its notice decision as it was given).
 */

export const Instant = z.iso.datetime();
const NoteText = z.string().check(z.trim(), z.minLength(1), z.maxLength(4000));
const complaintId = z.string().check(z.regex(/^cmp_[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be a complaint id (cmp_...)'));
const LINKS_MAX = 50;

export const IncidentIdPathSchema = z.strictObject({ id: meta(incidentIdSchema, { description: 'The incident’s id' }) });

export const IncidentsQuerySchema = meta(
  z.strictObject({
    status: z.optional(z.enum(incidentStatuses)),
    category: z.optional(z.enum(incidentCategories)),
    limit: pageLimit,
    cursor: pageCursor,
  }),
  { id: 'IncidentsQuery' },
);

export const IncidentFiguresQuerySchema = meta(
  z.strictObject({ quarter: z.string().check(z.regex(periodPatterns.quarter, 'Must be a quarter such as 2026-Q4')) }),
  { id: 'IncidentFiguresQuery' },
);

export const PeopleNoticeSchema = meta(
  z.strictObject({
    decision: z.enum(peopleNoticeDecisions),
    reason: meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))), {
      description: 'Why no notice is required (with `not-required` only); stored encrypted',
    }),
    decidedAt: Instant,
    peopleNotifiedAt: meta(z.optional(Instant), { description: 'When the people affected were told (with `notify` only)' }),
  }),
  { id: 'IncidentPeopleNotice', description: 'The decision on telling the people affected by a breach of personal data' },
);

const fields = {
  category: z.enum(incidentCategories),
  severity: z.enum(severities),
  detectedAt: Instant,
  awareAt: meta(Instant, {
    description: `When the organisation became aware (default: detectedAt); the ${REGULATOR_NOTICE_HOURS}-hour regulator deadline runs from it`,
  }),
  containedAt: Instant,
  resolvedAt: meta(Instant, { description: 'Only once contained, not before containedAt' }),
  affectedPeople: z.int().check(z.minimum(0), z.maximum(10_000_000_000)),
  personalDataInvolved: z.boolean(),
  findingIds: meta(z.array(z.string().check(z.regex(idPatterns.findingId))).check(z.maxLength(LINKS_MAX)), {
    description: 'Linked security findings',
  }),
  complaintIds: meta(z.array(complaintId).check(z.maxLength(LINKS_MAX)), { description: 'Linked complaints' }),
  regulatorNotifiedAt: meta(Instant, { description: 'When the regulator was told (personal data involved only)' }),
  peopleNotice: PeopleNoticeSchema,
};

export const IncidentReportSchema = meta(
  z.strictObject({
    category: fields.category,
    severity: fields.severity,
    detectedAt: fields.detectedAt,
    awareAt: z.optional(fields.awareAt),
    containedAt: z.optional(fields.containedAt),
    resolvedAt: z.optional(fields.resolvedAt),
    affectedPeople: fields.affectedPeople,
    personalDataInvolved: fields.personalDataInvolved,
    findingIds: z.optional(fields.findingIds),
    complaintIds: z.optional(fields.complaintIds),
    regulatorNotifiedAt: z.optional(fields.regulatorNotifiedAt),
    peopleNotice: z.optional(fields.peopleNotice),
    note: meta(z.optional(NoteText), { description: 'The first note of the timeline; stored encrypted' }),
  }),
  { id: 'IncidentReport' },
);

export const IncidentChangeSchema = meta(
  z
    .strictObject({
      category: z.optional(fields.category),
      severity: z.optional(fields.severity),
      detectedAt: z.optional(fields.detectedAt),
      awareAt: z.optional(z.nullable(fields.awareAt)),
      containedAt: z.optional(z.nullable(fields.containedAt)),
      resolvedAt: z.optional(z.nullable(fields.resolvedAt)),
      affectedPeople: z.optional(fields.affectedPeople),
      personalDataInvolved: z.optional(fields.personalDataInvolved),
      findingIds: z.optional(fields.findingIds),
      complaintIds: z.optional(fields.complaintIds),
      regulatorNotifiedAt: z.optional(z.nullable(fields.regulatorNotifiedAt)),
      peopleNotice: z.optional(z.nullable(fields.peopleNotice)),
    })
    .check(z.refine((change) => Object.keys(change).length > 0, 'Give at least one field to change')),
  { id: 'IncidentChange', description: 'The fields given replace the stored ones; `null` clears an optional one' },
);

export const IncidentNoteSchema = meta(z.strictObject({ text: meta(NoteText, { description: 'Stored encrypted' }) }), {
  id: 'IncidentNoteInput',
});
