import * as z from 'zod/mini';
import type { StatementOfReasons } from '#shared/moderation/domain/statement.ts';
import { tdbCategory, tdbContentType, tdbMeasure } from '#shared/moderation/domain/taxonomy.ts';

/**
 * Statements of reasons in the format of the Commission's DSA Transparency Database
 * (`POST /api/v1/statement`), and the database's validation rules as a zod schema: required and
 * conditional fields, enumerations, lengths and formats. Every export is checked against it, so
 * a statement the database would answer 422 never leaves the platform.
 */

const VISIBILITY = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_LABELLED',
  'DECISION_VISIBILITY_OTHER',
] as const;
const MONETARY = ['DECISION_MONETARY_SUSPENSION', 'DECISION_MONETARY_TERMINATION', 'DECISION_MONETARY_OTHER'] as const;
const PROVISION = [
  'DECISION_PROVISION_PARTIAL_SUSPENSION',
  'DECISION_PROVISION_TOTAL_SUSPENSION',
  'DECISION_PROVISION_PARTIAL_TERMINATION',
  'DECISION_PROVISION_TOTAL_TERMINATION',
] as const;
const ACCOUNT = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
const CONTENT_TYPES = [
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
] as const;
const CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
const KEYWORDS = [
  'KEYWORD_PHISHING',
  'KEYWORD_PYRAMID_SCHEMES',
  'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING',
  'KEYWORD_INAUTHENTIC_ACCOUNTS',
  'KEYWORD_INAUTHENTIC_USER_REVIEWS',
  'KEYWORD_MISINFORMATION_DISINFORMATION',
  'KEYWORD_MISLEADING_INFO_GOODS_SERVICES',
  'KEYWORD_OTHER',
] as const;
/** EU and EEA member states, ISO 3166-1 alpha-2 as the database spells them. */
export const EU_EEA = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO',
] as const;

const date = (from: string) =>
  z
    .string()
    .check(
      z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Must be YYYY-MM-DD'),
      z.refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value), 'Must be a calendar date'),
      z.refine((value) => value >= from, `Must be on or after ${from}`),
    );
const optionalEndDate = () => z.optional(date('2020-01-01'));

/** The fields of a statement, with their formats and enumerations. */
const statementFields = () => ({
  decision_visibility: z.optional(z.array(z.enum(VISIBILITY)).check(z.minLength(1))),
  decision_visibility_other: z.optional(z.string().check(z.maxLength(500))),
  decision_monetary: z.optional(z.enum(MONETARY)),
  decision_monetary_other: z.optional(z.string().check(z.maxLength(500))),
  decision_provision: z.optional(z.enum(PROVISION)),
  decision_account: z.optional(z.enum(ACCOUNT)),
  account_type: z.optional(z.enum(['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE'])),
  decision_ground: z.enum(['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT']),
  decision_ground_reference_url: z.optional(z.url().check(z.maxLength(500))),
  illegal_content_legal_ground: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  illegal_content_explanation: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  incompatible_content_ground: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  incompatible_content_explanation: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  incompatible_content_illegal: z.optional(z.enum(['Yes', 'No'])),
  content_type: z.array(z.enum(CONTENT_TYPES)).check(z.minLength(1)),
  content_type_other: z.optional(z.string().check(z.maxLength(500))),
  category: z.enum(CATEGORIES),
  category_addition: z.optional(z.array(z.enum(CATEGORIES))),
  category_specification: z.optional(z.array(z.enum(KEYWORDS))),
  category_specification_other: z.optional(z.string().check(z.maxLength(500))),
  territorial_scope: z.optional(z.array(z.enum(EU_EEA))),
  content_language: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'Must be an upper-case ISO 639-1 code'))),
  content_date: date('2000-01-01'),
  application_date: date('2020-01-01'),
  end_date_visibility_restriction: optionalEndDate(),
  end_date_monetary_restriction: optionalEndDate(),
  end_date_service_restriction: optionalEndDate(),
  end_date_account_restriction: optionalEndDate(),
  decision_facts: z.string().check(z.minLength(1), z.maxLength(5000)),
  source_type: z.enum(['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION', 'SOURCE_VOLUNTARY']),
  source_identity: z.optional(z.string().check(z.maxLength(500))),
  automated_detection: z.enum(['Yes', 'No']),
  automated_decision: z.enum(['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED']),
  puid: z.string().check(z.minLength(1), z.maxLength(500), z.regex(/^[A-Za-z0-9_-]+$/, 'Only letters, digits, "-" and "_"')),
});

type StatementFields = z.output<z.ZodMiniObject<ReturnType<typeof statementFields>>>;

/** The database's conditional rules: what one field's value requires or forbids of another. */
const checkConditionalFields = (s: StatementFields, ctx: z.core.$RefinementCtx<StatementFields>) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (!s.decision_visibility && !s.decision_monetary && !s.decision_provision && !s.decision_account) {
    issue('decision_visibility', 'At least one of decision_visibility, decision_monetary, decision_provision, decision_account is required');
  }
  if ((s.decision_visibility?.includes('DECISION_VISIBILITY_OTHER') ?? false) !== (s.decision_visibility_other !== undefined)) {
    issue('decision_visibility_other', 'Required exactly when decision_visibility includes DECISION_VISIBILITY_OTHER');
  }
  if ((s.decision_monetary === 'DECISION_MONETARY_OTHER') !== (s.decision_monetary_other !== undefined)) {
    issue('decision_monetary_other', 'Required exactly when decision_monetary is DECISION_MONETARY_OTHER');
  }
  if (s.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT') {
    if (!s.illegal_content_legal_ground) issue('illegal_content_legal_ground', 'Required for illegal content');
    if (!s.illegal_content_explanation) issue('illegal_content_explanation', 'Required for illegal content');
  } else {
    if (!s.incompatible_content_ground) issue('incompatible_content_ground', 'Required for content incompatible with the terms');
    if (!s.incompatible_content_explanation) issue('incompatible_content_explanation', 'Required for content incompatible with the terms');
  }
  if (s.content_type.includes('CONTENT_TYPE_OTHER') !== (s.content_type_other !== undefined)) {
    issue('content_type_other', 'Required exactly when content_type includes CONTENT_TYPE_OTHER');
  }
  if (s.category_specification?.includes('KEYWORD_OTHER') && !s.category_specification_other) {
    issue('category_specification_other', 'Required when category_specification includes KEYWORD_OTHER');
  }
  if (s.source_type === 'SOURCE_VOLUNTARY' && s.source_identity !== undefined) {
    issue('source_identity', 'Not allowed for own-initiative (voluntary) decisions');
  }
  for (const field of [
    'end_date_visibility_restriction',
    'end_date_monetary_restriction',
    'end_date_service_restriction',
    'end_date_account_restriction',
  ] as const) {
    const end = s[field];
    if (end && end < s.application_date) issue(field, 'Must not be before application_date');
  }
};

/**
 * Built on first use and kept: only the export checks statements against it, so a cold start that
 * serves other requests does not pay for constructing it.
 */
const buildStatementSchema = () => z.strictObject(statementFields()).check(z.superRefine(checkConditionalFields));
let statementSchema: ReturnType<typeof buildStatementSchema> | undefined;
const transparencyStatementSchema = () => (statementSchema ??= buildStatementSchema());
type TransparencyStatement = z.output<ReturnType<typeof buildStatementSchema>>;

const day = (isoTime: string) => isoTime.slice(0, 10);

/**
 * The database's form of a stored statement. Nothing about people: no account ids, no notifier,
 * no content URL; `puid` is the statement's own stable id, so a repeat is refused as a duplicate.
 */
export const toTransparencyStatement = (s: StatementOfReasons): TransparencyStatement => {
  const measure = tdbMeasure[s.action];
  const { category, keywords } = tdbCategory[s.category];
  const end = s.endsAt ? day(s.endsAt) : undefined;
  const endField =
    measure.field === 'decision_visibility'
      ? 'end_date_visibility_restriction'
      : measure.field === 'decision_provision'
        ? 'end_date_service_restriction'
        : 'end_date_account_restriction';
  return {
    ...(measure.field === 'decision_visibility' ? { decision_visibility: [measure.value as (typeof VISIBILITY)[number]] } : {}),
    ...(measure.field === 'decision_provision' ? { decision_provision: measure.value as (typeof PROVISION)[number] } : {}),
    ...(measure.field === 'decision_account' ? { decision_account: measure.value as (typeof ACCOUNT)[number] } : {}),
    ...(s.accountType && { account_type: s.accountType === 'business' ? 'ACCOUNT_TYPE_BUSINESS' : 'ACCOUNT_TYPE_PRIVATE' }),
    ...(s.ground === 'illegal'
      ? {
          decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT' as const,
          illegal_content_legal_ground: s.groundReference,
          illegal_content_explanation: s.groundExplanation,
        }
      : {
          decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT' as const,
          incompatible_content_ground: s.groundReference,
          incompatible_content_explanation: s.groundExplanation,
        }),
    content_type: [tdbContentType[s.contentType] as (typeof CONTENT_TYPES)[number]],
    ...(s.contentType === 'other' && { content_type_other: 'Other content' }),
    category: category as (typeof CATEGORIES)[number],
    ...(keywords.length > 0 && { category_specification: keywords as (typeof KEYWORDS)[number][] }),
    ...(s.territorialScope && { territorial_scope: s.territorialScope as (typeof EU_EEA)[number][] }),
    ...(s.contentLanguage && { content_language: s.contentLanguage }),
    content_date: s.contentDate,
    application_date: day(s.createdAt),
    ...(end && { [endField]: end }),
    decision_facts: s.facts,
    source_type:
      s.source === 'trusted_flagger' ? 'SOURCE_TRUSTED_FLAGGER' : s.source === 'notice' ? 'SOURCE_ARTICLE_16' : 'SOURCE_VOLUNTARY',
    automated_detection: s.automatedDetection ? 'Yes' : 'No',
    automated_decision:
      s.automatedDecision === 'fully'
        ? 'AUTOMATED_DECISION_FULLY'
        : s.automatedDecision === 'partially'
          ? 'AUTOMATED_DECISION_PARTIALLY'
          : 'AUTOMATED_DECISION_NOT_AUTOMATED',
    puid: s.puid,
  };
};

/** The database's 422 `errors` map for a statement, or undefined when it would be accepted. */
export const transparencyErrors = (statement: unknown): Record<string, string[]> | undefined => {
  const result = transparencyStatementSchema().safeParse(statement);
  if (result.success) return undefined;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
};

/** `POST /api/v1/statements` takes at most this many statements. */
export const MAX_STATEMENTS_PER_REQUEST = 100;

/** The database's message when a statement's `puid` is already in it for this platform. */
export const DUPLICATE_PUID_MESSAGE = 'The identifier given is not unique within this platform.';

/**
 * The database's verdict on `POST /api/v1/statements` (body `{ statements: [...] }`): its 422
 * `errors` map, keyed `statements.<index>.<field>` (or `statements` for the request's shape), or
 * undefined when every statement would be created. The request is all or nothing: one statement
 * refused refuses the others too. A puid the database already holds (`known`), or one repeated
 * within the request, is refused as not unique.
 */
export const transparencyBatchErrors = (body: unknown, known: (puid: string) => boolean): Record<string, string[]> | undefined => {
  const statements = (body as { statements?: unknown } | null)?.statements;
  if (!Array.isArray(statements) || statements.length === 0) return { statements: ['The statements field is required and must be a non-empty array.'] };
  if (statements.length > MAX_STATEMENTS_PER_REQUEST) {
    return { statements: [`The statements field must not have more than ${MAX_STATEMENTS_PER_REQUEST} items.`] };
  }
  const errors: Record<string, string[]> = {};
  const seen = new Set<string>();
  statements.forEach((statement: unknown, index) => {
    const own = transparencyErrors(statement) ?? {};
    const puid = (statement as { puid?: unknown } | null)?.puid;
    if (typeof puid === 'string' && !own.puid) {
      if (known(puid) || seen.has(puid)) own.puid = [DUPLICATE_PUID_MESSAGE];
      seen.add(puid);
    }
    for (const [field, messages] of Object.entries(own)) errors[`statements.${index}.${field}`] = messages;
  });
  return Object.keys(errors).length > 0 ? errors : undefined;
};
