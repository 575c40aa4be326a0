import type { Role } from '#shared/manifest/platform.ts';
import type { ContextManifest } from '#shared/manifest/types.ts';
import { pkSkKey } from '#shared/manifest/keys.ts';

/** Who writes and publishes the privacy policy: comms staff. */
export const commsRoles = ['comms'] as const satisfies readonly Role[];

/** The domain event of a new privacy-policy version, published when comms publish it, before it takes effect. */
export const PRIVACY_POLICY_PUBLISHED_EVENT = 'transparency.privacy-policy-published';

/**
 * The environment variable of the minimum notice: the days between a version's publication and
 * the day it takes effect (30 when unset), so that people can be told before it applies to them.
 */
export const MIN_NOTICE_DAYS_ENV = 'PRIVACY_POLICY_MIN_NOTICE_DAYS';

/**
 * Transparency: what the platform tells the public about how it uses data. Its first part is the
 * privacy policy: versions written by comms (Markdown in zh-CN and en, an effective date and a
 * summary of changes), immutable once published, public with a diff between any two, announced
 * before they take effect; and each person's acknowledgement of the version in force, counted
 * per version for the transparency report.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts'.
 */
export const transparencyManifest = {
  name: 'transparency',
  tables: {
    transparency: {
      logicalId: 'TransparencyTable',
      localName: 'transparency',
      envVar: 'TRANSPARENCY_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [],
      accessPatterns: [
        'one draft: GetItem pk=PRIVACY_POLICY, sk=DRAFT#<draft id>; written with a condition on its revision',
        'drafts, newest first: Query pk=PRIVACY_POLICY, sk begins_with DRAFT#, descending (a handful at a time)',
        'one published version: GetItem pk=PRIVACY_POLICY, sk=VERSION#<number, 6 digits>',
        'every published version, newest first: Query pk=PRIVACY_POLICY, sk begins_with VERSION#, descending (a few a year)',
        'publish: TransactWrite Put VERSION#<n> (attribute_not_exists), Update DRAFT#<id> (still a draft, same revision), Put of the outbox item',
        "a person's acknowledgement: TransactWrite Put pk=PERSON#<sub>, sk=PRIVACY_POLICY_ACK#<n> (attribute_not_exists) with the figures' counters",
        'the outbox relay: Query pk=OUTBOX#<shard>, sk < <cutoff>; DeleteItem once published',
      ],
    },
  },
  queues: {},
  functions: {
    transparency: {
      logicalId: 'TransparencyFunction',
      entry: 'functions/transparency/handler.ts',
      description: 'The privacy policy: public versions and diffs, drafts and publication by comms, acknowledgements by people',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { transparency: 'readWrite', figures: 'readWrite' },
      // The policy is public text; an acknowledgement holds the person's id and a time only.
      usesDataKey: false,
      // `transparency.privacy-policy-published`, through the outbox.
      publishesEvents: true,
    },
    transparencyOutboxRelay: {
      logicalId: 'TransparencyOutboxRelayFunction',
      entry: 'functions/transparency-outbox-relay/handler.ts',
      description: 'Scheduled: publishes transparency domain events that their request could not publish',
      memorySize: 256,
      timeoutSeconds: 60,
      tables: { transparency: 'readWrite' },
      usesDataKey: false,
      publishesEvents: true,
    },
  },
  routes: [
    { method: 'GET', path: '/v1/privacy-policy', function: 'transparency', caller: 'public' },
    { method: 'GET', path: '/v1/privacy-policy/versions', function: 'transparency', caller: 'public' },
    { method: 'GET', path: '/v1/privacy-policy/versions/{number}', function: 'transparency', caller: 'public' },
    { method: 'GET', path: '/v1/privacy-policy/versions/{number}/diff', function: 'transparency', caller: 'public' },
    { method: 'POST', path: '/v1/privacy-policy/acknowledgements', function: 'transparency', caller: 'person' },
    { method: 'POST', path: '/v1/privacy-policy/drafts', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'GET', path: '/v1/privacy-policy/drafts', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'GET', path: '/v1/privacy-policy/drafts/{id}', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'PUT', path: '/v1/privacy-policy/drafts/{id}', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'POST', path: '/v1/privacy-policy/drafts/{id}/publish', function: 'transparency', caller: 'person', roles: commsRoles },
  ],
  jobs: {
    'transparency-outbox-relay': {
      function: 'transparencyOutboxRelay',
      schedule: 'rate(5 minutes)',
      description: 'Publishes transparency domain events left in the outbox past the grace period (a failed publish), then deletes them',
    },
  },
  eventRules: {},
} as const satisfies ContextManifest;
