import { DEFAULT_OAUTH_BASE_URL, refreshAccessToken } from './oauth.js';
import type { TokenStore, ZaloTokens } from './token-store.js';

export interface TokenManagerOptions {
  readonly appId: string;
  readonly appSecretKey: string;
  readonly store: TokenStore;
  /** Used only while the store is empty (first start); afterwards the stored, rotated tokens win. */
  readonly initialTokens?: ZaloTokens;
  readonly oauthBaseUrl?: string;
  /** Refresh when less than this is left of the access token's life (default 1 h). */
  readonly refreshMarginMs?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** What the API client needs from token management. */
export interface AccessTokenSource {
  /** A usable access token, refreshed first when it is missing or about to expire. */
  accessToken(): Promise<string>;
  /** A new access token after `rejected` was refused by Zalo (-216/-220). */
  refresh(rejected: string): Promise<string>;
}

/**
 * Keeps the OA access token fresh. Refreshes happen one at a time (single-flight in this process,
 * and under `store.withLock` across instances when the store offers it); the new, rotated refresh
 * token is saved before the new access token is handed out, so a crash never loses the chain.
 */
export class ZaloTokenManager implements AccessTokenSource {
  private current: Promise<ZaloTokens> | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    this.refreshMarginMs = options.refreshMarginMs ?? 60 * 60_000;
  }

  async accessToken(): Promise<string> {
    const tokens = await this.tokens();
    if (tokens.accessToken && !this.expiresSoon(tokens)) return tokens.accessToken;
    return this.startRefresh(tokens.accessToken);
  }

  refresh(rejected: string): Promise<string> {
    return this.startRefresh(rejected);
  }

  private startRefresh(stale: string | undefined): Promise<string> {
    this.refreshing ??= this.runRefresh(stale).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async runRefresh(stale: string | undefined): Promise<string> {
    // A refresh that finished just before this one started may already have replaced `stale`.
    const known = await this.tokens();
    if (this.usable(known, stale)) return known.accessToken!;
    const locked = this.options.store.withLock?.bind(this.options.store) ?? (<T>(fn: () => Promise<T>) => fn());
    return locked(async () => {
      // Another instance may have refreshed while this one waited for the lock.
      const latest = (await this.options.store.load()) ?? known;
      if (this.usable(latest, stale)) {
        this.current = Promise.resolve(latest);
        return latest.accessToken!;
      }
      const answer = await refreshAccessToken({
        oauthBaseUrl: this.options.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL,
        appId: this.options.appId,
        appSecretKey: this.options.appSecretKey,
        refreshToken: latest.refreshToken,
        timeoutMs: this.options.timeoutMs ?? 10_000,
      });
      const lifetimeSeconds = Number(answer.expires_in);
      const next: ZaloTokens = {
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token,
        ...(answer.expires_in !== '' && lifetimeSeconds > 0 ? { accessTokenExpiresAt: this.now() + lifetimeSeconds * 1000 } : {}),
      };
      // The old refresh token is spent: persist the new pair before anything uses it.
      await this.options.store.save(next);
      this.current = Promise.resolve(next);
      return answer.access_token;
    });
  }

  private tokens(): Promise<ZaloTokens> {
    if (!this.current) {
      const loading = this.options.store.load().then((stored) => {
        const tokens = stored ?? this.options.initialTokens;
        if (!tokens) throw new Error('No Zalo tokens: the token store is empty and no initial refresh token was given');
        return tokens;
      });
      this.current = loading;
      // A failed load is tried again on the next call.
      loading.catch(() => {
        if (this.current === loading) this.current = undefined;
      });
    }
    return this.current;
  }

  /** Has an access token other than `stale` that is not about to expire. */
  private usable(tokens: ZaloTokens, stale: string | undefined): boolean {
    return tokens.accessToken !== undefined && tokens.accessToken !== stale && !this.expiresSoon(tokens);
  }

  private expiresSoon(tokens: ZaloTokens): boolean {
    return tokens.accessTokenExpiresAt !== undefined && tokens.accessTokenExpiresAt - this.now() <= this.refreshMarginMs;
  }
}
