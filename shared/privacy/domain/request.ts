import type { DataSubject, HeldItem } from '#shared/personal-data/holder.ts';
import { retentionEndOf, retentionPolicy } from '#shared/personal-data/retention.ts';

/**
 * A person's request to exercise a right over their data: a copy (export) or erasure. Pure: the
 * lifecycle as functions from a request and a time to the next request; the store writes them.
 *
 * export:  pending (assembling, within minutes) → ready (downloadable until `expiresAt`) → expired
 * erasure: cooling-off (cancellable until `erasesAt`) → completed, or partially-completed while
 *          legal holds keep some items (erasure runs again when a hold ends) → completed;
 *          cancelled by the person during the cooling-off.
 */
export const requestKinds = ['export', 'erasure'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const requestStatuses = ['pending', 'ready', 'expired', 'cooling-off', 'partially-completed', 'completed', 'cancelled'] as const;
type RequestStatus = (typeof requestStatuses)[number];

/** One step of a request's life, shown to the person and to privacy staff. */
interface RequestStep {
  at: string;
  step: 'requested' | 'archive-ready' | 'downloaded' | 'archive-deleted' | 'cancelled' | 'erased' | 'held' | 'hold-ended';
  detail?: string;
}

export interface PrivacyRequest {
  id: string;
  kind: RequestKind;
  subject: DataSubject;
  /** How the request came: the person themselves, or their integration channel. */
  via: 'account' | `channel:${string}`;
  status: RequestStatus;
  requestedAt: string;
  /** The platform's own deadline to complete the request. */
  deadlineAt: string;
  /** When the worker next has something to do: assemble, erase, retry a held erasure, delete the archive. */
  dueAt?: string;
  /** Erasure: the end of the cooling-off period. */
  erasesAt?: string;
  /** Export: the archive's expiry. */
  expiresAt?: string;
  completedAt?: string;
  /** Erasure: what was kept, and why, at the last run. */
  held: HeldItem[];
  /** Export: the archive's size in bytes and number of stored parts. */
  archive?: { bytes: number; parts: number };
  steps: RequestStep[];
  version: number;
}

export interface RequestTimings {
  /** Days from the request to the platform's deadline (30 unless configured). */
  deadlineDays: number;
  /** Hours of the erasure's cooling-off, during which the person may cancel. */
  coolingOffHours: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const iso = (ms: number) => new Date(ms).toISOString();

export class RequestStateError extends Error {
  override name = 'RequestStateError';
  constructor(
    readonly slug: 'not-cancellable' | 'archive-not-ready' | 'archive-expired',
    message: string,
  ) {
    super(message);
  }
}

/** A new request: an export is due at once, an erasure when its cooling-off ends. */
export const newRequest = (
  input: { id: string; kind: RequestKind; subject: DataSubject; via: PrivacyRequest['via'] },
  now: Date,
  timings: RequestTimings,
): PrivacyRequest => {
  const at = now.toISOString();
  const erasesAt = input.kind === 'erasure' ? iso(now.getTime() + timings.coolingOffHours * HOUR_MS) : undefined;
  return {
    ...input,
    status: input.kind === 'export' ? 'pending' : 'cooling-off',
    requestedAt: at,
    deadlineAt: iso(now.getTime() + timings.deadlineDays * DAY_MS),
    dueAt: erasesAt ?? at,
    ...(erasesAt && { erasesAt }),
    held: [],
    steps: [{ at, step: 'requested' }],
    version: 0,
  };
};

/** Whether the person still waits for their answer: the request counts against the deadline. */
export const awaitsAnswer = (request: Pick<PrivacyRequest, 'status'>): boolean => request.status === 'pending' || request.status === 'cooling-off';

/** Whether a new request of the same kind would repeat this one (it is answered with this one instead). */
export const isOpen = (request: Pick<PrivacyRequest, 'status'>): boolean => awaitsAnswer(request) || request.status === 'partially-completed';

export const cancel = (request: PrivacyRequest, now: Date): PrivacyRequest => {
  if (request.status !== 'cooling-off') {
    throw new RequestStateError('not-cancellable', 'Only an erasure request still in its cooling-off period can be cancelled.');
  }
  const { dueAt: _due, ...rest } = request;
  return { ...rest, status: 'cancelled', completedAt: now.toISOString(), steps: [...request.steps, { at: now.toISOString(), step: 'cancelled' }] };
};

/** The export's archive was stored: downloadable until the retention policy's end for exports, then deleted. */
export const archiveReady = (request: PrivacyRequest, archive: { bytes: number; parts: number }, now: Date): PrivacyRequest => {
  const expiresAt = retentionEndOf(retentionPolicy.dataExports, now).toISOString();
  return {
    ...request,
    status: 'ready',
    archive,
    expiresAt,
    dueAt: expiresAt,
    completedAt: now.toISOString(),
    steps: [...request.steps, { at: now.toISOString(), step: 'archive-ready' }],
  };
};

export const archiveDeleted = (request: PrivacyRequest, now: Date): PrivacyRequest => {
  const { dueAt: _due, ...rest } = request;
  return { ...rest, status: 'expired', steps: [...request.steps, { at: now.toISOString(), step: 'archive-deleted' }] };
};

/** Whether the archive can be downloaded now; throws the reason it cannot. */
export const assertDownloadable = (request: PrivacyRequest, now: Date): void => {
  if (request.status === 'pending') throw new RequestStateError('archive-not-ready', 'The archive is still being assembled; try again in a few minutes.');
  if (request.status !== 'ready' || !request.expiresAt || Date.parse(request.expiresAt) <= now.getTime()) {
    throw new RequestStateError('archive-expired', 'The archive has expired and was deleted; ask for a new export.');
  }
};

/** At most this many download steps are kept on a request (a busy client must not grow it without end). */
const MAX_DOWNLOAD_STEPS = 20;

export const downloaded = (request: PrivacyRequest, now: Date): PrivacyRequest => {
  const downloads = request.steps.filter((s) => s.step === 'downloaded').length;
  if (downloads >= MAX_DOWNLOAD_STEPS) return request;
  return { ...request, steps: [...request.steps, { at: now.toISOString(), step: 'downloaded' }] };
};

/** How long a held erasure waits before it runs again when no hold says when it ends. */
const HELD_RETRY_MS = DAY_MS;

/**
 * The erasure ran: completed when nothing was held; otherwise partially completed, due again when
 * the first hold ends (or in a day), so that what was held is erased once it may be.
 */
export const erasureRan = (request: PrivacyRequest, outcome: { held: readonly HeldItem[] }, now: Date): PrivacyRequest => {
  const at = now.toISOString();
  const heldKeys = new Set(outcome.held.map((h) => `${h.category}/${h.itemId}`));
  const released = request.held.filter((h) => !heldKeys.has(`${h.category}/${h.itemId}`));
  const steps: RequestStep[] = [
    ...request.steps,
    { at, step: 'erased' },
    ...released.map((h) => ({ at, step: 'hold-ended' as const, detail: `${h.category} ${h.itemId}` })),
    ...(outcome.held.length > 0 ? [{ at, step: 'held' as const, detail: `${outcome.held.length} item(s) kept` }] : []),
  ];
  if (outcome.held.length === 0) {
    const { dueAt: _due, ...rest } = request;
    return { ...rest, status: 'completed', held: [], completedAt: request.completedAt ?? at, steps };
  }
  const ends = outcome.held.flatMap((h) => (h.until ? [Date.parse(h.until)] : [])).filter((t) => t > now.getTime());
  const next = ends.length === outcome.held.length ? Math.min(...ends) : now.getTime() + HELD_RETRY_MS;
  return { ...request, status: 'partially-completed', held: [...outcome.held], dueAt: iso(next), completedAt: request.completedAt ?? at, steps };
};
