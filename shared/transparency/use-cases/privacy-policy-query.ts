import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readTableName } from '#shared/config.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { policyTimeline } from '#shared/transparency/domain/privacy-policy.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createPolicyStore } from '#shared/transparency/store/policy-store.ts';
import { acknowledgementsByVersion } from '#shared/transparency/use-cases/acknowledgement-figures.ts';

/**
 * What the transparency report reads of the privacy policy, from kept records only (one small
 * query of the versions, the counters): the versions published (without their texts, nor who
 * published them), the one in force at a time, and the acknowledgements of each version.
 */
const createPrivacyPolicyQuery = (ports: {
  store: Pick<ReturnType<typeof createPolicyStore>, 'versionSummaries'>;
  figures: Parameters<typeof acknowledgementsByVersion>[0];
}) => ({
  /** Every published version, oldest first, and the number of the one in force at `at` (null before the first). */
  async versionsAt(at: Date) {
    const summaries = await ports.store.versionSummaries();
    const { inForce } = policyTimeline(summaries, at);
    const versions = summaries
      .map(({ publishedBy: _by, draftId: _draft, ...version }) => version)
      .sort((a, b) => a.number - b.number);
    return { inForce: inForce?.number ?? null, versions };
  },
  acknowledgementsByVersion: () => acknowledgementsByVersion(ports.figures),
});

/** The query on the tables the environment names (the transparency and figures tables, read only). */
export const privacyPolicyQueryFromEnvironment = (db: DynamoDBDocumentClient, env: NodeJS.ProcessEnv = process.env) =>
  createPrivacyPolicyQuery({
    store: createPolicyStore({ db, tableName: readTableName(transparencyManifest.tables.transparency, env) }),
    figures: createFiguresStore(db, readTableName(platformTables.figures, env), transparencyManifest.name),
  });
