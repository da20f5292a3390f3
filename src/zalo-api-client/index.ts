export { ZaloOaClient, DEFAULT_API_BASE_URL, CS_MESSAGE_PATH, type ZaloOaClientOptions } from './zalo-oa-client.js';
export { ZaloTokenManager, type TokenManagerOptions, type AccessTokenSource } from './token-manager.js';
export type { TokenStore, ZaloTokens } from './token-store.js';
export { refreshAccessToken, DEFAULT_OAUTH_BASE_URL, ACCESS_TOKEN_PATH, type OAuthTokenResponse, type RefreshRequest } from './oauth.js';
export { ZaloApiError, ZaloHttpError, ZaloErrorCode } from './zalo-errors.js';
export {
  MAX_BUTTONS,
  MAX_TEXT_LENGTH,
  type SendMessageData,
  type SendMessageRequest,
  type ZaloApiResponse,
  type ZaloButton,
} from './send-message.js';
export { computeWebhookMac, verifyWebhookSignature, type WebhookMacInput } from './webhook-signature.js';
export { parseWebhookEnvelope, readWebhookEvent, ZaloWebhookFormatError, type WebhookEnvelope } from './parse-webhook.js';
export type {
  FollowEvent,
  OaSendEvent,
  OaSendEventName,
  UserAttachmentEventName,
  UserClickChatNowEvent,
  UserSendAttachmentEvent,
  UserSendTextEvent,
  ZaloAttachment,
  ZaloIdRef,
  ZaloWebhookEvent,
} from './webhook-events.js';
