import type { Hono } from 'hono';
import type { ChannelAdapter, Inbox } from '../channel-adapter.js';
import type { Reply } from '../../engine/reply.js';
import { Logger } from '../../logging/logger.js';
import { ZaloOaClient, ZaloTokenManager, type TokenStore } from '../../zalo-api-client/index.js';
import { renderForZalo } from './render-for-zalo.js';
import { toDeliveryError } from './to-delivery-error.js';
import { ZALO_CHANNEL } from './to-inbound-update.js';
import type { ZaloConfig } from './zalo-config.js';
import { mountZaloWebhook } from './zalo-webhook.js';

export interface ZaloAdapterOptions {
  readonly config: ZaloConfig;
  /**
   * Where the OA's tokens live (the database's token store; with `withLock` when several instances
   * serve the OA). The adapter owns it: `stop` closes it.
   */
  readonly tokenStore: TokenStore & { close?(): Promise<void> };
  readonly logger?: Logger;
  /** How often to check whether the access token needs a refresh (default 30 min). */
  readonly tokenCheckIntervalMs?: number;
}

/**
 * The Zalo Official Account channel: receives signed webhook events on POST /webhooks/zalo and
 * answers with customer-service messages through the OA Open API v3.
 */
export class ZaloAdapter implements ChannelAdapter {
  readonly channel = ZALO_CHANNEL;
  private readonly tokens: ZaloTokenManager;
  private readonly client: ZaloOaClient;
  private readonly logger: Logger;
  private inbox: Inbox | undefined;
  private tokenTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ZaloAdapterOptions) {
    const { config } = options;
    this.logger = options.logger ?? new Logger();
    this.tokens = new ZaloTokenManager({
      appId: config.appId,
      appSecretKey: config.appSecretKey,
      store: options.tokenStore,
      initialTokens: { refreshToken: config.refreshToken, ...(config.accessToken ? { accessToken: config.accessToken } : {}) },
      oauthBaseUrl: config.oauthBaseUrl,
    });
    this.client = new ZaloOaClient({ tokens: this.tokens, apiBaseUrl: config.apiBaseUrl });
  }

  mount(app: Hono): void {
    mountZaloWebhook(app, {
      appId: this.options.config.appId,
      oaSecretKey: this.options.config.oaSecretKey,
      inbox: () => this.inbox,
      logger: this.logger,
    });
  }

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
    // Refreshing before expiry also keeps the 3-month refresh token alive through quiet periods.
    this.tokenTimer = setInterval(() => {
      this.tokens.accessToken().catch((e: unknown) => this.logger.error('zalo: access token refresh failed; re-authorise the OA if this persists', e));
    }, this.options.tokenCheckIntervalMs ?? 30 * 60_000);
    this.tokenTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.tokenTimer);
    this.inbox = undefined;
    await this.options.tokenStore.close?.();
  }

  async deliver(conversationId: string, replies: readonly Reply[]): Promise<void> {
    for (const message of renderForZalo(replies)) {
      try {
        if (message.buttons) await this.client.sendButtons(conversationId, message.text, message.buttons);
        else await this.client.sendText(conversationId, message.text);
      } catch (e) {
        throw toDeliveryError(e);
      }
    }
  }
}
