/** An OA's token pair. The access token lives ~25 h; the refresh token 3 months and is single-use. */
export interface ZaloTokens {
  /** Absent when only a refresh token is known (first start). */
  readonly accessToken?: string;
  readonly refreshToken: string;
  /** Epoch ms; absent when unknown (an access token pasted by hand). */
  readonly accessTokenExpiresAt?: number;
}

/** Where tokens survive restarts. `save` must be durable before it resolves. */
export interface TokenStore {
  load(): Promise<ZaloTokens | undefined>;
  save(tokens: ZaloTokens): Promise<void>;
  /**
   * Runs `fn` while holding a lock shared by every instance using this OA (e.g. a database
   * advisory lock), so two instances never spend the same refresh token. Optional for one instance.
   */
  withLock?<T>(fn: () => Promise<T>): Promise<T>;
}
