/** The bounded context: the source of its domain events and the partition of its figures. */
export const MODERATION = 'moderation';
