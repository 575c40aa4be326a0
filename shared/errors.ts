/** Domain errors: plain classes the domain throws and each entry point maps to its answer. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  constructor() {
    super('The cursor is not one this API issued for this list');
  }
}
