import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { surveyKinds } from '#shared/surveys/domain/definitions.ts';

/**
 * The surveys section of a person's data export: what `exportOf` of the context's personal-data
 * holder returns, documented for the archive's JSON Schema.
 */

const exportedInvitation = describe(
  z.object({
    surveyId: describe(z.string(), 'The survey as the person answers it, e.g. 2026-11-monthly'),
    kind: describe(z.enum(surveyKinds), 'The monthly survey, or the survey after one resolved complaint'),
    campaignId: describe(z.string(), 'The campaign the invitation belongs to'),
    invitedAt: describe(z.iso.datetime(), 'When the person was invited'),
    expiresAt: describe(z.iso.datetime(), 'Until when the survey could be answered'),
    complaintId: describe(z.optional(z.string()), 'The resolved complaint a post-resolution survey is about'),
    status: describe(z.enum(['invited', 'responded']), 'Whether the person answered'),
    respondedAt: describe(z.optional(z.iso.datetime()), 'When the person first answered'),
    revisedAt: describe(z.optional(z.iso.datetime()), 'When the person last changed their answer'),
    remindedAt: describe(z.optional(z.iso.datetime()), 'When the person was reminded'),
    answers: describe(
      z.optional(z.record(z.string(), z.union([z.number(), z.string()]))),
      'The answers by question id: scores and choices, and free text decrypted',
    ),
    textsRemovedAt: describe(z.optional(z.iso.datetime()), 'When retention removed the free-text answers (the scores stay)'),
  }),
  'An invitation to a survey, with the answers given',
);

const seenRecord = describe(
  z.object({
    campaignId: describe(z.string(), 'The monthly campaign'),
    at: describe(z.iso.datetime(), 'When the person was first seen while it ran'),
    sampled: describe(z.boolean(), 'Whether the draw invited them'),
  }),
  "That the person used the app while a monthly campaign ran: the survey's sampling frame",
);

export const surveysExportSchema = describe(
  z.object({
    invitations: describe(z.array(exportedInvitation), "The person's survey invitations and answers"),
    seen: describe(z.array(seenRecord), 'The monthly campaigns during which the person was seen'),
  }),
  'Surveys: the invitations and answers of the person (anonymous comments filed for staff are not linked to anyone and so not listed)',
);

export type SurveysExport = z.infer<typeof surveysExportSchema>;
export type ExportedInvitation = z.infer<typeof exportedInvitation>;
