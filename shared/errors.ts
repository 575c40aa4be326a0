/** Errors every context throws; shared/http/api-handler.ts answers them (404, 400 on `cursor`). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  constructor() {
    super('The cursor is not one this API issued for this list');
  }
}

/**
 * Separation of duties: staff may not act as staff on what they are a party to (a case they
 * reported or whose content they wrote or decided or appealed, a complaint they filed). `party`
 * names how they are involved.
 */
export class ConflictOfInterestError extends Error {
  override name = 'ConflictOfInterestError';
  constructor(
    readonly party: string,
    message: string,
  ) {
    super(message);
  }
}

/** Another writer changed the item between the read and the conditional write: read again and retry. */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
}

/** Staff opened someone's personal data without saying why (`X-Access-Reason`): the read is refused. */
export class AccessReasonRequiredError extends Error {
  override name = 'AccessReasonRequiredError';
  constructor() {
    super('Staff must say why they read this personal data, in the X-Access-Reason header (it is recorded).');
  }
}
