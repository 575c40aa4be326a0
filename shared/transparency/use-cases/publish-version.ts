import type { Caller } from '#shared/auth/caller.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { commitChange } from '#shared/events/outbox.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { problems } from '#shared/http/problem.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { PolicyRefusal, type PolicyVersion, publishDraft } from '#shared/transparency/domain/privacy-policy.ts';
import { PRIVACY_POLICY_PUBLISHED_EVENT } from '#shared/transparency/manifest.ts';
import { requireComms, type TransparencyApiPorts } from '#shared/transparency/use-cases/ports.ts';
import { renderPolicyTexts } from '#shared/transparency/use-cases/renderer.ts';

/** What the announcement carries: the version and its dates, never who published it. */
export interface PrivacyPolicyPublishedDetail {
  version: number;
  effectiveDate: string;
  publishedAt: string;
  supersedes: number | null;
}

const announcementOf = (version: PolicyVersion): PublishableEvent => ({
  type: PRIVACY_POLICY_PUBLISHED_EVENT,
  at: version.publishedAt,
  detail: {
    version: version.number,
    effectiveDate: version.effectiveDate,
    publishedAt: version.publishedAt,
    supersedes: version.supersedes,
  } satisfies PrivacyPolicyPublishedDetail,
});

/**
 * Comms publish a draft as they read it (`revision`): it becomes the next version, immutable,
 * and its announcement (`transparency.privacy-policy-published`) is written in the same
 * transaction (the outbox) so that people are told of it whatever happens after the commit.
 * Publishing a draft that is published already changes nothing and answers its version
 * (`created: false`). Two drafts published at once both get a number: the second retries on
 * the next one.
 */
export const publishVersion = async (
  ports: Pick<TransparencyApiPorts, 'store' | 'clock' | 'outbox' | 'minNoticeDays'>,
  caller: Caller,
  id: string,
  readRevision: number,
): Promise<{ version: PolicyVersion; created: boolean }> => {
  requireComms(caller);
  return retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async () => {
      const draft = await ports.store.getDraft(id, { consistent: true });
      if (!draft) throw problems.notFound('No such draft.');
      if (draft.revision !== readRevision) {
        throw new PolicyRefusal('revision-conflict', `The draft is at revision ${draft.revision}, not ${readRevision}: read it again before publishing.`);
      }
      if (draft.status === 'published' && draft.publishedAs !== undefined) {
        const version = await ports.store.getVersion(draft.publishedAs);
        if (version) return { version, created: false };
      }
      const now = ports.clock.now();
      const latest = await ports.store.latestVersion();
      // Published a moment ago by a concurrent request, whose draft this read may not show yet.
      if (latest?.draftId === draft.id) return { version: latest, created: false };
      const html = await renderPolicyTexts(draft.text);
      const published = publishDraft(draft, latest, { by: caller.sub, now, minNoticeDays: ports.minNoticeDays, render: () => html });
      const { version } = published;
      await commitChange(ports.outbox, { events: [announcementOf(version)], at: now, changeId: `privacy-policy-${version.number}` }, (outboxItems) =>
        ports.store.publish({ ...published, readRevision, outboxItems }),
      );
      return { version, created: true };
    },
  );
};
