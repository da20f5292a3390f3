/** Request and response of `POST /v3.0/oa/message/cs` (customer-service message, "tin Tư vấn"). */

/** Zalo refuses longer texts (error -201). */
export const MAX_TEXT_LENGTH = 2000;
/** At most five buttons per message. */
export const MAX_BUTTONS = 5;

/**
 * `oa.query.show` / `oa.query.hide`: tapping sends `payload` back as a `user_send_text` message
 * (visible in the chat, or hidden); the others open a link, dial, or prepare an SMS.
 */
export type ZaloButton =
  | { readonly type: 'oa.query.show' | 'oa.query.hide'; readonly title: string; readonly payload: string }
  | { readonly type: 'oa.open.url'; readonly title: string; readonly payload: { readonly url: string } }
  | { readonly type: 'oa.open.phone'; readonly title: string; readonly payload: { readonly phone_code: string } }
  | { readonly type: 'oa.open.sms'; readonly title: string; readonly payload: { readonly content: string; readonly phone_code: string } };

export interface SendMessageRequest {
  readonly recipient: { readonly user_id: string };
  readonly message: {
    readonly text: string;
    /** Quote one of the citizen's messages (its `msg_id`). */
    readonly quote_message_id?: string;
    readonly attachment?: { readonly type: 'template'; readonly payload: { readonly buttons: readonly ZaloButton[] } };
  };
}

/** `data` of a successful send. The `quota` object is being retired by Zalo (absent after 2026-03-01). */
export interface SendMessageData {
  readonly message_id: string;
  readonly user_id: string;
  readonly sent_time?: string;
  readonly quota?: { readonly quota_type?: string; readonly remain?: number; readonly total?: number };
}

/** Every OA API answer: HTTP 200 with `error` 0 on success, a negative code otherwise. */
export interface ZaloApiResponse<T> {
  readonly error: number;
  readonly message: string;
  readonly data?: T;
}
