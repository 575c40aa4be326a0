import type { Logger } from '@aws-lambda-powertools/logger';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { createApiHandler, type ApiEvent } from '#shared/http/api-handler.ts';
import { type ProblemError, problemOf, problems } from '#shared/http/problem.ts';
import { headerValue, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { chooseLanguage } from '#shared/transparency/domain/language.ts';
import { PolicyRefusal } from '#shared/transparency/domain/privacy-policy.ts';
import {
  AcknowledgementRequestSchema,
  DiffQuerySchema,
  DraftContentSchema,
  DraftIdPathSchema,
  DraftRevisionSchema,
  LanguageQuerySchema,
  PublishRequestSchema,
  VersionPathSchema,
} from '#shared/transparency/http/schemas.ts';
import { routesOfFunction } from '#shared/transparency/manifest.ts';
import { acknowledgePolicy } from '#shared/transparency/use-cases/acknowledge-policy.ts';
import type { TransparencyApiPorts } from '#shared/transparency/use-cases/ports.ts';
import { publishVersion } from '#shared/transparency/use-cases/publish-version.ts';
import { draftDetail, getDraft, listDrafts } from '#shared/transparency/use-cases/read-drafts.ts';
import { describePublished, diffVersions, listVersions, policyInForce, readVersion } from '#shared/transparency/use-cases/read-policy.ts';
import { createDraft, reviseDraft } from '#shared/transparency/use-cases/write-draft.ts';

/** The public answers may be cached briefly: a version's status changes only on its effective day. */
const publicCache = { 'cache-control': 'public, max-age=60' };

/** A refusal of the policy's rules: 422 for a notice too short, 409 for a conflict with what is stored. */
const mapError = (error: unknown): ProblemError | undefined => {
  if (error instanceof PolicyRefusal) {
    if (error.reason === 'insufficient-notice') return problemOf(422, error.reason, 'The notice before the effective date is too short', error.message);
    return problems.conflict(error.reason, error.message);
  }
  // A conditional write of a draft lost to another save or a publication in between.
  if (error instanceof ConditionFailedError) return problems.conflict('revision-conflict', 'The draft changed while this request was handled; read it again.');
  return undefined;
};

/** The language of a public read: `lang`, else Accept-Language, else English. */
const languageOf = (event: ApiEvent, lang: 'en' | 'zh-CN' | undefined) => chooseLanguage(lang, headerValue(event, 'accept-language'));

/** The transparency function: the privacy policy, public to read, written by comms, acknowledged by people. */
export const createTransparencyApiHandler = (deps: { ports: TransparencyApiPorts; logger: Logger }) => {
  const { ports } = deps;
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('transparency'),
    mapError,
    handlers: {
      'GET /v1/privacy-policy': async ({ event }) => {
        const language = languageOf(event, readQuery(event, LanguageQuerySchema).lang);
        return json(200, await policyInForce(ports, language), { ...publicCache, 'content-language': language, vary: 'accept-language' });
      },
      'GET /v1/privacy-policy/versions': async () => json(200, await listVersions(ports), publicCache),
      'GET /v1/privacy-policy/versions/{number}': async ({ event }) => {
        const { number } = readPath(event, VersionPathSchema);
        const language = languageOf(event, readQuery(event, LanguageQuerySchema).lang);
        return json(200, await readVersion(ports, number, language), { ...publicCache, 'content-language': language, vary: 'accept-language' });
      },
      'GET /v1/privacy-policy/versions/{number}/diff': async ({ event }) => {
        const { number } = readPath(event, VersionPathSchema);
        const { from, lang } = readQuery(event, DiffQuerySchema);
        const language = languageOf(event, lang);
        return json(200, await diffVersions(ports, number, from, language), { ...publicCache, 'content-language': language, vary: 'accept-language' });
      },
      'POST /v1/privacy-policy/acknowledgements': async ({ event, caller }) =>
        json(200, await acknowledgePolicy(ports, caller, readJsonBody(event, AcknowledgementRequestSchema).version)),
      'POST /v1/privacy-policy/drafts': async ({ event, caller }) => {
        const draft = await createDraft(ports, caller, readJsonBody(event, DraftContentSchema));
        return json(201, await draftDetail(draft), { location: `/v1/privacy-policy/drafts/${draft.id}` });
      },
      'GET /v1/privacy-policy/drafts': async ({ caller }) => json(200, await listDrafts(ports, caller)),
      'GET /v1/privacy-policy/drafts/{id}': async ({ event, caller }) => json(200, await getDraft(ports, caller, readPath(event, DraftIdPathSchema).id)),
      'PUT /v1/privacy-policy/drafts/{id}': async ({ event, caller }) => {
        const { id } = readPath(event, DraftIdPathSchema);
        return json(200, await draftDetail(await reviseDraft(ports, caller, id, readJsonBody(event, DraftRevisionSchema))));
      },
      'POST /v1/privacy-policy/drafts/{id}/publish': async ({ event, caller }) => {
        const { id } = readPath(event, DraftIdPathSchema);
        const { version, created } = await publishVersion(ports, caller, id, readJsonBody(event, PublishRequestSchema).revision);
        const body = { version: await describePublished(ports, version), created };
        return json(created ? 201 : 200, body, { location: `/v1/privacy-policy/versions/${version.number}` });
      },
    },
  });
};
