/** Webhook bodies shaped as documented (channels.md A.1); ids are invented. */
export const APP_ID = '1111111111111111111';
export const OA_ID = '4444444444444444444';
export const CITIZEN = '3333333333333333333';

let seq = 0;
const nextTimestamp = (): string => String(1_735_689_600_000 + ++seq);
const nextMsgId = (): string => `a1b2c3d4e5f6${String(++seq).padStart(8, '0')}`;

export function userText(text: string, user = CITIZEN, msgId = nextMsgId()) {
  return {
    app_id: APP_ID,
    user_id_by_app: '2222222222222222222',
    event_name: 'user_send_text',
    sender: { id: user },
    recipient: { id: OA_ID },
    message: { msg_id: msgId, text },
    timestamp: nextTimestamp(),
  };
}

export function userImage(user = CITIZEN) {
  return {
    app_id: APP_ID,
    event_name: 'user_send_image',
    sender: { id: user },
    recipient: { id: OA_ID },
    message: {
      msg_id: nextMsgId(),
      text: '',
      attachments: [{ type: 'image', payload: { url: 'https://photo-stal-1.zdn.vn/x.jpg', thumbnail: 'https://photo-stal-1.zdn.vn/t.jpg' } }],
    },
    timestamp: nextTimestamp(),
  };
}

export function userSticker(user = CITIZEN) {
  return { ...userImage(user), event_name: 'user_send_sticker' };
}

export function follow(user = CITIZEN, eventName: 'follow' | 'unfollow' = 'follow') {
  return { app_id: APP_ID, oa_id: OA_ID, event_name: eventName, follower: { id: user }, user_id_by_app: '2222222222222222222', source: 'oa_profile', timestamp: nextTimestamp() };
}

export function clickChatNow(user = CITIZEN) {
  return { app_id: APP_ID, oa_id: OA_ID, event_name: 'user_click_chatnow', user_id: user, timestamp: nextTimestamp() };
}

export function oaEcho(text: string, user = CITIZEN) {
  return { app_id: APP_ID, event_name: 'oa_send_text', sender: { id: OA_ID }, recipient: { id: user }, message: { msg_id: nextMsgId(), text }, timestamp: nextTimestamp() };
}

export function userSeen(user = CITIZEN) {
  return { app_id: APP_ID, event_name: 'user_seen_message', sender: { id: user }, recipient: { id: OA_ID }, message: { msg_ids: [nextMsgId()] }, timestamp: nextTimestamp() };
}
