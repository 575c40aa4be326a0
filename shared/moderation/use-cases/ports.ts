import type { Logger } from '@aws-lambda-powertools/logger';
import type { AccessLog } from '#shared/access-log/index.ts';
import type { Clock } from '#shared/clock.ts';
import type { CursorSeal } from '#shared/crypto/cursor-seal.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import type { Outbox } from '#shared/events/outbox.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import type { ModerationStore } from '#shared/moderation/store/index.ts';

/** The moderation queues: notices wait for triage, submitted content for screening. */
export interface QueueSender {
  send(queue: 'reports' | 'contentReview', body: Record<string, unknown>): Promise<void>;
}

/**
 * What the use cases work with. A function without the data key, the pseudonym key or the right
 * to send to the queues gets a stand-in that refuses (shared/moderation/wiring/context.ts).
 */
export interface ModerationPorts {
  store: ModerationStore;
  /** Seals and opens personal data with the data key. */
  cipher: PersonalDataCipher;
  /** Keyed pseudonyms of identifiers (contact emails, addresses, phones, accounts). */
  pseudonyms: Pseudonymizer;
  /** Seals the cursors of the lists for their caller and list. */
  cursors: CursorSeal;
  /** Moderators' reads of people's data are recorded there before anything is returned. */
  accessLog: AccessLog;
  /** Domain events are written in their change's transaction and published after the commit. */
  outbox: Pick<Outbox, 'stage' | 'stageHeld' | 'release'>;
  figures: Pick<FiguresStore, 'range'>;
  queues: QueueSender;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
}
