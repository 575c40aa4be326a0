import type { PrivacyRequest } from '#shared/privacy/domain/request.ts';

/** A request as its person (or their integration) sees it: its state, deadline, steps and what was kept and why. */
export const ownRequestView = (request: PrivacyRequest) => ({
  id: request.id,
  kind: request.kind,
  status: request.status,
  requestedAt: request.requestedAt,
  deadlineAt: request.deadlineAt,
  ...(request.erasesAt && { erasesAt: request.erasesAt }),
  ...(request.expiresAt && { expiresAt: request.expiresAt }),
  ...(request.completedAt && { completedAt: request.completedAt }),
  ...(request.archive && { archive: request.archive }),
  held: request.held,
  steps: request.steps,
});

/** A request as privacy staff see it: also whose it is and how it came. */
export const staffRequestView = (request: PrivacyRequest, now: Date) => ({
  ...ownRequestView(request),
  subject: request.subject,
  via: request.via,
  overdue: !request.completedAt && Date.parse(request.deadlineAt) <= now.getTime(),
});
