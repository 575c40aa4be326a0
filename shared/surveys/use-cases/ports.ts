import type { TransactItem } from '#shared/aws/table.ts';
import type { Outbox } from '#shared/events/outbox.ts';
import type { Campaign } from '#shared/surveys/domain/campaigns.ts';
import type { Counters } from '#shared/surveys/domain/counters.ts';
import type { SurveyDefinition, SurveyKind } from '#shared/surveys/domain/definitions.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import type { TargetVerdict } from '#shared/surveys/domain/statistics.ts';

/**
 * What the survey use cases need from the outside world. The stores of store/ satisfy them on
 * DynamoDB; a write that lost a race to another writer throws VersionConflictError
 * (shared/errors.ts) where the use case reads again, and answers false where losing is harmless.
 */

export interface DefinitionStore {
  /** The newest stored version of a kind, if staff ever created one. */
  latest(kind: SurveyKind): Promise<SurveyDefinition | undefined>;
  version(kind: SurveyKind, version: number): Promise<SurveyDefinition | undefined>;
  /** Stores a new version; VersionConflictError when that version number was taken meanwhile. */
  create(definition: SurveyDefinition): Promise<void>;
}

export interface CampaignStore {
  get(id: string): Promise<Campaign | undefined>;
  /** The campaigns of these ids that exist (for the results of a range of months). */
  getMany(ids: readonly string[]): Promise<Campaign[]>;
  /** Creates the campaign unless it exists; true when this call created it. */
  create(campaign: Campaign): Promise<boolean>;
  /** Ids of open campaigns whose closing time is at or before `now`. */
  dueToClose(now: Date): Promise<string[]>;
  /** Closes an open campaign with its verdict; false when it was closed already. */
  close(id: string, closedAt: Date, verdict: TargetVerdict): Promise<boolean>;
}

export interface StoredInvitation {
  invitation: Invitation;
  /** The free-text answers, sealed with the personal-data cipher. */
  sealedTexts?: Uint8Array;
}

/** The free-text answers sealed twice: with the invitation (for the person) and as the campaign's comment (for staff). */
export interface SealedTexts {
  response: Uint8Array;
  comment: Uint8Array;
}

export interface InvitationStore {
  /** Whether the user was seen while the monthly campaign ran. */
  seen(userId: string, campaignId: string): Promise<boolean>;
  /**
   * Records the first sight of a user during a monthly campaign and, when the draw put them in the
   * sample, their invitation, with the counters of both and the outbox item of its events; false
   * when they were seen already (then nothing is written).
   */
  recordSeen(
    userId: string,
    campaign: Campaign,
    at: Date,
    invitation: Invitation | undefined,
    counters: Counters,
    outboxItems: TransactItem[],
  ): Promise<boolean>;
  get(userId: string, id: string): Promise<StoredInvitation | undefined>;
  /** A user's invitations of campaigns from `fromMonth` on, with their sealed answers. */
  since(userId: string, fromMonth: string): Promise<StoredInvitation[]>;
  /**
   * Stores an answer read at `readRevision`, its sealed free text (filed under the campaign too,
   * at the invitation's comment id) and the counters it moves, together; VersionConflictError
   * when another answer landed first.
   */
  saveResponse(invitation: Invitation, texts: SealedTexts | undefined, counters: Counters, readRevision: number): Promise<void>;
  /** Whether the complaint's owner was invited already (one survey per complaint, ever). */
  complaintSurveyed(complaintId: string): Promise<boolean>;
  /**
   * Invites the owner of a resolved complaint, with the outbox item of its events; false when that
   * complaint was surveyed before (then nothing is written).
   */
  invitePostResolution(invitation: Invitation, counters: Counters, outboxItems: TransactItem[]): Promise<boolean>;
  /** Invitations awaiting their reminder (sparse index: not answered, not reminded) that close before `before`, soonest first. */
  awaitingReminder(before: Date): AsyncIterable<Invitation>;
  /**
   * Marks the invitation reminded at `at`, with the outbox item of its events, if it is still not
   * answered and not reminded; false otherwise (then nothing is written).
   */
  markReminded(invitation: Invitation, at: Date, outboxItems: TransactItem[]): Promise<boolean>;
  /** Takes an invitation that closed unanswered out of the reminders' index (a no-op if it left it meanwhile). */
  dropFromReminders(invitation: Invitation): Promise<void>;
}

/** That the user was seen while a monthly campaign ran, and whether the draw invited them. */
export interface SeenRecord {
  campaignId: string;
  at: string;
  sampled: boolean;
}

/** An invitation whose free text is due to go: where it is, the revision it was read at, and its comment copy. */
type InvitationWithText = Pick<Invitation, 'userId' | 'id' | 'campaignId' | 'revision' | 'commentId'>;

/**
 * A person's survey items, for their export and erasure (found by their partition, USER#<sub>), and
 * the answers whose free text retention removes on a day (found through the sparse retention index).
 * Comments filed for staff are reached only from their invitation's comment id: no index leads
 * from a person to a comment.
 */
export interface SurveyPersonalDataStore {
  invitationsOf(userId: string): Promise<StoredInvitation[]>;
  seenBy(userId: string): Promise<SeenRecord[]>;
  /**
   * Deletes the invitation (and its answers), the item that finds it by its own id and its comment
   * copy, and takes the person off the complaint's survey marker, if the invitation is still at the
   * revision read; VersionConflictError otherwise.
   */
  deleteInvitation(invitation: Invitation): Promise<void>;
  /** Deletes the records that the user was seen during monthly campaigns. */
  deleteSeen(userId: string, campaignIds: readonly string[]): Promise<void>;
  /** The answers whose free text is due to go on `day` (YYYY-MM-DD). */
  textsDue(day: string): Promise<InvitationWithText[]>;
  /**
   * Removes the invitation's sealed free text and deletes its comment copy, marking it at `at`, if it
   * is still at the revision read; VersionConflictError otherwise.
   */
  removeTexts(invitation: InvitationWithText, at: Date): Promise<void>;
}

/** The surveys table's outbox: a change's events staged in its transaction, published right after it (or relayed). */
export type SurveyOutbox = Pick<Outbox, 'stage'>;

/** A response's free text as staff read it: sealed, with what is needed to open it, and no person. */
export interface StoredComment {
  /** The id it was sealed under: the comment's random id. */
  sealedFor: string;
  sealedTexts: Uint8Array;
  respondedAt: string;
  definitionVersion: number;
  channel?: string;
  category?: string;
}

/** Where a page of comments resumes: read from a cursor of the same campaign's list. */
type CommentPosition = Record<string, unknown>;

/** A campaign's comments as one staff member reads them: their cursors are sealed for them and this campaign. */
export interface CommentReading {
  campaignId: string;
  readerId: string;
}

export interface CommentStore {
  /** The position a cursor names, if it was issued to this reader for this campaign's list; else InvalidCursorError. */
  resumeAt(reading: CommentReading, cursor: string | undefined): Promise<CommentPosition | undefined>;
  page(reading: CommentReading, page: { limit: number; after?: CommentPosition }): Promise<{ items: StoredComment[]; nextCursor: string | null }>;
}

/** The month figures the results are computed from. */
export interface MonthFigures {
  range(granularity: 'month', from: string, to: string): Promise<Array<{ period: string; counters: Counters }>>;
}

/** Who owns a complaint, whether they have an account to answer with, and the complaint's status now (customer service answers). */
export interface ComplaintOwners {
  ownerOf(complaintId: string): Promise<{ ownerId: string; origin: 'account' | 'integration'; status: string } | undefined>;
}
