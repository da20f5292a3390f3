// Webhook event shapes as documented for the OA API v3; every id is a string.

export interface ZaloIdRef {
  readonly id: string;
}

export interface ZaloAttachment {
  /** "image", "gif", "sticker", "file", "audio", "video", "link", "location"… */
  readonly type: string;
  readonly payload?: {
    readonly url?: string;
    readonly thumbnail?: string;
    readonly name?: string;
    readonly size?: string;
    readonly description?: string;
    readonly id?: string;
    readonly coordinates?: { readonly latitude: string; readonly longitude: string };
  };
}

interface UserMessageEventBase {
  readonly app_id: string;
  readonly user_id_by_app?: string;
  /** The citizen (OA-scoped id: reply to it in `recipient.user_id`). */
  readonly sender: ZaloIdRef;
  /** The OA. */
  readonly recipient: ZaloIdRef;
  /** Epoch milliseconds, as a string. */
  readonly timestamp: string;
}

export interface UserSendTextEvent extends UserMessageEventBase {
  readonly event_name: 'user_send_text';
  readonly message: { readonly msg_id: string; readonly text: string; readonly quote_msg_id?: string };
}

export type UserAttachmentEventName =
  | 'user_send_image'
  | 'user_send_gif'
  | 'user_send_sticker'
  | 'user_send_file'
  | 'user_send_audio'
  | 'user_send_video'
  | 'user_send_link'
  | 'user_send_location'
  | 'user_send_business_card';

export interface UserSendAttachmentEvent extends UserMessageEventBase {
  readonly event_name: UserAttachmentEventName;
  readonly message: { readonly msg_id: string; readonly text?: string; readonly attachments?: readonly ZaloAttachment[] };
}

/** `follow` / `unfollow` use their own envelope: `follower` instead of `sender`/`recipient`. */
export interface FollowEvent {
  readonly event_name: 'follow' | 'unfollow';
  readonly app_id: string;
  readonly oa_id: string;
  readonly follower: ZaloIdRef;
  readonly user_id_by_app?: string;
  /** Where it happened, e.g. "oa_profile", or "testing_webhook" from the console. */
  readonly source?: string;
  readonly timestamp: string;
}

/** The citizen tapped "Nhắn tin" on the OA page. */
export interface UserClickChatNowEvent {
  readonly event_name: 'user_click_chatnow';
  readonly app_id: string;
  readonly oa_id: string;
  readonly user_id: string;
  readonly user_id_by_app?: string;
  readonly timestamp: string;
}

export type OaSendEventName =
  | 'oa_send_text'
  | 'oa_send_image'
  | 'oa_send_file'
  | 'oa_send_list'
  | 'oa_send_gif'
  | 'oa_send_sticker'
  | 'oa_send_template';

/** Echo of a message the OA sent (through the API or typed by staff in OA Manager). */
export interface OaSendEvent {
  readonly event_name: OaSendEventName;
  readonly app_id: string;
  /** The OA. */
  readonly sender: ZaloIdRef;
  /** The citizen. */
  readonly recipient: ZaloIdRef;
  readonly message: { readonly msg_id: string; readonly text?: string; readonly attachments?: readonly ZaloAttachment[] };
  readonly timestamp: string;
}

export type ZaloWebhookEvent = UserSendTextEvent | UserSendAttachmentEvent | FollowEvent | UserClickChatNowEvent | OaSendEvent;
