/** Update bodies as Telegram sends them (without update_id, which the fake server assigns). */

const citizen = (userId: number) => ({ id: userId, is_bot: false, first_name: 'Lan', language_code: 'vi' });
const privateChat = (chatId: number) => ({ id: chatId, type: 'private' as const, first_name: 'Lan' });
const now = () => Math.floor(Date.now() / 1000);

export function messageUpdate(chatId: number, messageId: number, content: Record<string, unknown>) {
  return { message: { message_id: messageId, date: now(), chat: privateChat(chatId), from: citizen(chatId), ...content } };
}

export function textUpdate(chatId: number, messageId: number, text: string) {
  const command = /^\/\S+/.exec(text);
  const entities = command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : undefined;
  return messageUpdate(chatId, messageId, { text, ...(entities ? { entities } : {}) });
}

export function callbackUpdate(chatId: number, queryId: string, data: string) {
  return {
    callback_query: {
      id: queryId,
      from: citizen(chatId),
      chat_instance: '-4242',
      data,
      message: { message_id: 1, date: now(), chat: privateChat(chatId), from: { id: 123456789, is_bot: true, first_name: 'Trợ lý' }, text: 'Mời Anh/Chị chọn' },
    },
  };
}

export const photo = [{ file_id: 'AgAD-photo', file_unique_id: 'p1', width: 90, height: 90, file_size: 1200 }];
