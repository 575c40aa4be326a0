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

/** Another writer changed the item between the read and the conditional write: read again and retry. */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
}
