import type { StaffStore } from './staff-store.js';

export interface LoginRateLimit {
  /** Failures allowed per username within the window; the next attempt is refused. */
  readonly perUsername: number;
  /** Failures allowed per client address: higher, as an office's staff often share one address. */
  readonly perAddress: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Counts failed logins per username and per address in the store, refusing attempts beyond the limit. */
export class LoginThrottle {
  constructor(
    private readonly staff: StaffStore,
    private readonly limit: LoginRateLimit,
  ) {}

  /** Milliseconds until this username may try again from this address; 0 when it may now. */
  async waitMs(username: string, address: string, now: Date): Promise<number> {
    // A failure exactly one window old no longer counts, so the wait ends exactly when Retry-After says.
    const since = new Date(now.getTime() - this.limit.windowMs + 1);
    const failures = await this.staff.loginFailures(username, address, since);
    const waits = [
      failures.username.count >= this.limit.perUsername ? failures.username.oldest : undefined,
      failures.address.count >= this.limit.perAddress ? failures.address.oldest : undefined,
    ].map((oldest) => (oldest ? oldest.getTime() + this.limit.windowMs - now.getTime() : 0));
    return Math.max(0, ...waits);
  }

  recordFailure(username: string, address: string, now: Date): Promise<void> {
    return this.staff.recordLoginFailure({ username, address, at: now }, new Date(now.getTime() - this.limit.windowMs));
  }

  /** A successful login forgets the username's failures, not the address's. */
  recordSuccess(username: string): Promise<void> {
    return this.staff.clearLoginFailures(username);
  }
}
