import type { Hono } from 'hono';
import { Telegraf, type Context } from 'telegraf';
import type { Reply } from '../../engine/reply.js';
import { Logger } from '../../logging/logger.js';
import type { ChannelAdapter, Inbox } from '../channel-adapter.js';
import { LongPolling, type LongPollingOptions } from './long-polling.js';
import { renderTelegramMessages } from './render-telegram.js';
import type { TelegramConfig } from './telegram-config.js';
import { toDeliveryError } from './telegram-delivery-error.js';
import { ALLOWED_UPDATES, TELEGRAM_CHANNEL, toInboundUpdate } from './telegram-update.js';
import { TELEGRAM_WEBHOOK_PATH, mountTelegramWebhook } from './telegram-webhook.js';

export interface TelegramAdapterOptions extends TelegramConfig {
  readonly logger?: Logger;
  readonly polling?: Partial<LongPollingOptions>;
}

const DEFAULT_POLLING: LongPollingOptions = { timeoutSeconds: 50, retryDelayMs: 5000 };
// Bounds how long one update may hold the poll loop or a webhook request (telegraf's default is 90 s);
// storing an update takes milliseconds, so a slower inbox counts as failed and the update comes again.
const HANDLER_TIMEOUT_MS = 10_000;

/**
 * Telegram through telegraf (used only in this folder): long polling by default, or a webhook at
 * `POST /webhooks/telegram` when a public URL is configured. Updates are translated and stored in the
 * inbox before Telegram gets its acknowledgement; replies are sent as HTML-escaped messages with
 * inline keyboards.
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = TELEGRAM_CHANNEL;
  private readonly bot: Telegraf;
  private readonly logger: Logger;
  private inbox?: Inbox;
  private polling?: LongPolling;

  constructor(private readonly options: TelegramAdapterOptions) {
    this.logger = options.logger ?? new Logger();
    this.bot = new Telegraf(options.token, {
      // webhookReply off: answerCbQuery then goes over the API, where its failures can be seen.
      telegram: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), webhookReply: false },
      handlerTimeout: HANDLER_TIMEOUT_MS,
    });
    this.bot.use((ctx) => this.acceptUpdate(ctx));
    // telegraf's default handler prints the whole update (personal data) and sets process.exitCode;
    // rethrowing hands the failure to the transport, which polls again or answers the webhook 500.
    this.bot.catch((error) => {
      throw error;
    });
  }

  /** Webhook mode only: `POST /webhooks/telegram`. Long polling needs no route. */
  mount(app: Hono): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    mountTelegramWebhook(
      app,
      webhook.secretToken,
      async (update) => {
        if (!this.inbox) return 'unavailable';
        await this.bot.handleUpdate(update);
        return 'handled';
      },
      (error) => this.logger.error('A Telegram webhook update could not be stored', error),
    );
  }

  async start(inbox: Inbox): Promise<void> {
    if (this.inbox) throw new Error('The Telegram adapter is already started');
    this.bot.botInfo = await this.bot.telegram.getMe();
    this.inbox = inbox;
    try {
      const webhook = this.options.webhook;
      if (webhook) {
        const url = webhook.publicUrl.replace(/\/+$/, '') + TELEGRAM_WEBHOOK_PATH;
        await this.bot.telegram.setWebhook(url, { secret_token: webhook.secretToken, allowed_updates: [...ALLOWED_UPDATES] });
        return;
      }
      // getUpdates is refused while a webhook is set.
      await this.bot.telegram.deleteWebhook();
    } catch (error) {
      this.inbox = undefined;
      throw error;
    }
    this.polling = new LongPolling(this.bot.telegram, (update) => this.bot.handleUpdate(update), this.logger, {
      ...DEFAULT_POLLING,
      ...this.options.polling,
    });
    this.polling.start();
  }

  /** Ends polling (the pending getUpdates is aborted); a mounted webhook answers 503 from now on. */
  async stop(): Promise<void> {
    await this.polling?.stop();
    this.polling = undefined;
    this.inbox = undefined;
  }

  async deliver(conversationId: string, replies: readonly Reply[]): Promise<void> {
    for (const message of replies.flatMap(renderTelegramMessages)) {
      try {
        await this.bot.telegram.sendMessage(conversationId, message.html, {
          parse_mode: 'HTML',
          ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    }
  }

  private async acceptUpdate(ctx: Context): Promise<void> {
    const inbox = this.inbox;
    if (!inbox) throw new Error('The Telegram adapter is not started');
    const inbound = toInboundUpdate(ctx.update, ctx.me, new Date());
    if (inbound) await inbox.accept(inbound);
    // Every callback query is answered, or the citizen's client shows a spinner on the button.
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery().catch((error: unknown) => this.logger.warn('Telegram answerCallbackQuery failed', { error: String(error) }));
    }
  }
}
