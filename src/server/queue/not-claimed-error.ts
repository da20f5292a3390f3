/**
 * Completing, releasing or retrying an item that is not claimed: already finished, never claimed,
 * or unknown. The item is left as it was, so a late worker cannot undo another one's work.
 */
export class NotClaimedError extends Error {
  constructor(
    readonly box: 'inbox' | 'outbox',
    readonly id: number,
  ) {
    super(`${box} item ${id} is not claimed`);
    this.name = 'NotClaimedError';
  }
}
