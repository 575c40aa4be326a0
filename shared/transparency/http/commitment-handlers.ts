import type { Logger } from '@aws-lambda-powertools/logger';
import Negotiator from 'negotiator';
import { createApiHandler, type ApiEvent } from '#shared/http/api-handler.ts';
import { lockedPageHeaders } from '#shared/http/html.ts';
import { headerValue, readQuery } from '#shared/http/request.ts';
import { json, text } from '#shared/http/response.ts';
import { chooseLanguage } from '#shared/transparency/domain/language.ts';
import { scorecardPage } from '#shared/transparency/http/commitment-page.ts';
import { ScorecardQuerySchema } from '#shared/transparency/http/commitment-schemas.ts';
import { routesOfFunction } from '#shared/transparency/manifest.ts';
import type { Scorecard } from '#shared/transparency/use-cases/read-scorecard.ts';

/** Public and the same for everyone: shared caches may keep it a minute. */
const publicCache = { 'cache-control': 'public, max-age=60' };

/** HTML when Accept rates it above JSON (a browser's does); JSON otherwise (a tie too), and without Accept. */
export const prefersHtml = (accept: string | undefined): boolean =>
  accept !== undefined && new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/html']) === 'text/html';

const html = (event: ApiEvent, scorecard: Scorecard) => {
  const language = chooseLanguage(readQuery(event, ScorecardQuerySchema).lang, headerValue(event, 'accept-language'));
  return text(200, scorecardPage(scorecard, language), 'text/html; charset=utf-8', {
    ...publicCache,
    'content-language': language,
    ...lockedPageHeaders,
    vary: 'accept, accept-language',
  });
};

/** The public scorecard function: JSON or the HTML page, from the kept verdicts and the live figures. */
export const createCommitmentsApiHandler = (deps: { scorecard: () => Promise<Scorecard>; logger: Logger }) =>
  createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('commitments'),
    handlers: {
      'GET /v1/commitments': async ({ event }) => {
        readQuery(event, ScorecardQuerySchema);
        const scorecard = await deps.scorecard();
        return prefersHtml(headerValue(event, 'accept')) ? html(event, scorecard) : json(200, scorecard, { ...publicCache, vary: 'accept' });
      },
      'GET /v1/commitments.html': async ({ event }) => html(event, await deps.scorecard()),
    },
  });
