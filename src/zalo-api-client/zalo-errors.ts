/** Zalo answered (usually with HTTP 200) but with `error ≠ 0`; `code` is Zalo's error code. */
export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** The API path that failed, e.g. "/v3.0/oa/message/cs" or "/v4/oa/access_token". */
    readonly endpoint: string,
  ) {
    super(`Zalo ${endpoint} error ${code}: ${message}`);
    this.name = 'ZaloApiError';
  }

  /** -216 (access token invalid) and -220 (expired or removed): refresh and retry once. */
  get isAccessTokenError(): boolean {
    return this.code === ZaloErrorCode.AccessTokenInvalid || this.code === ZaloErrorCode.AccessTokenExpired;
  }
}

/** Zalo could not be reached, answered with a non-2xx status, or with a body that is not a Zalo answer. */
export class ZaloHttpError extends Error {
  constructor(
    message: string,
    readonly endpoint: string,
    /** The HTTP status; undefined when there was no answer (network error, timeout). */
    readonly status?: number,
  ) {
    super(`Zalo ${endpoint}: ${message}`);
    this.name = 'ZaloHttpError';
  }
}

/** The error codes of the OA API appendix ("Mã lỗi") that a customer-service sender must tell apart. */
export const ZaloErrorCode = {
  RateLimited: -32,
  AttachmentExpired: -100,
  InvalidParameter: -201,
  UserNotFollower: -213,
  AccessTokenInvalid: -216,
  AccessTokenExpired: -220,
  UserBannedOrInactive: -227,
  NoInteractionIn7Days: -230,
  InteractionExpired: -232,
  UserRestrictedMessageType: -244,
} as const;
