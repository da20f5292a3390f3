import { postToZalo } from './post-to-zalo.js';
import { MAX_BUTTONS, MAX_TEXT_LENGTH, type SendMessageData, type SendMessageRequest, type ZaloButton } from './send-message.js';
import type { AccessTokenSource } from './token-manager.js';
import { ZaloApiError, ZaloHttpError } from './zalo-errors.js';

export const DEFAULT_API_BASE_URL = 'https://openapi.zalo.me';
export const CS_MESSAGE_PATH = '/v3.0/oa/message/cs';

export interface ZaloOaClientOptions {
  readonly tokens: AccessTokenSource;
  readonly apiBaseUrl?: string;
  readonly timeoutMs?: number;
}

/**
 * Sends customer-service messages ("tin Tư vấn") from an OA. When Zalo refuses the access token
 * (-216 / -220) the token is refreshed once and the call retried; every other Zalo error is thrown
 * as `ZaloApiError` with its code.
 */
export class ZaloOaClient {
  private readonly apiBaseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: ZaloOaClientOptions) {
    this.apiBaseUrl = options.apiBaseUrl ?? DEFAULT_API_BASE_URL;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  sendText(userId: string, text: string): Promise<SendMessageData> {
    return this.sendMessage({ recipient: { user_id: userId }, message: { text } });
  }

  /** Text with up to five buttons under it. */
  async sendButtons(userId: string, text: string, buttons: readonly ZaloButton[]): Promise<SendMessageData> {
    if (buttons.length === 0 || buttons.length > MAX_BUTTONS) throw new RangeError(`A Zalo message takes 1 to ${MAX_BUTTONS} buttons, not ${buttons.length}`);
    return this.sendMessage({ recipient: { user_id: userId }, message: { text, attachment: { type: 'template', payload: { buttons } } } });
  }

  async sendMessage(request: SendMessageRequest): Promise<SendMessageData> {
    const length = request.message.text.length;
    if (length === 0 || length > MAX_TEXT_LENGTH) throw new RangeError(`A Zalo message text has 1 to ${MAX_TEXT_LENGTH} characters, not ${length}`);
    const body = JSON.stringify(request);
    const token = await this.options.tokens.accessToken();
    try {
      return await this.postMessage(body, token);
    } catch (e) {
      if (!(e instanceof ZaloApiError && e.isAccessTokenError)) throw e;
      return this.postMessage(body, await this.options.tokens.refresh(token));
    }
  }

  private async postMessage(body: string, accessToken: string): Promise<SendMessageData> {
    const answer = await postToZalo({
      baseUrl: this.apiBaseUrl,
      path: CS_MESSAGE_PATH,
      headers: { 'content-type': 'application/json', access_token: accessToken },
      body,
      timeoutMs: this.timeoutMs,
    });
    const data = answer.data as Partial<SendMessageData> | undefined;
    if (typeof data?.message_id !== 'string') throw new ZaloHttpError('answer has no data.message_id', CS_MESSAGE_PATH, 200);
    return data as SendMessageData;
  }
}
