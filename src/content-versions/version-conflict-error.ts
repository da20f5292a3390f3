/** A version operation refused because of the versions' state; the message (Vietnamese) says why and what to do. */
export class VersionConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VersionConflictError';
  }
}
