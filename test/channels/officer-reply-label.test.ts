import { describe, expect, it } from 'vitest';
import { renderTelegramMessages } from '../../src/channels/telegram/render-telegram.js';
import { renderWebFrame } from '../../src/channels/web/render-web-frames.js';
import { renderForZalo } from '../../src/channels/zalo/render-for-zalo.js';
import type { Reply } from '../../src/engine/reply.js';

const officerReply: Reply = { kind: 'text', text: 'Chào Anh/Chị, cán bộ tư pháp xin trả lời…', officer: 'Nguyễn Văn A' };

describe("an officer's reply is labelled with who wrote it, not as the bot's", () => {
  it('web chat: the frame names the officer (the page shows "Cán bộ …:" instead of "Trợ lý:")', () => {
    expect(renderWebFrame(officerReply)).toEqual({ type: 'message', text: officerReply.text, officer: 'Nguyễn Văn A' });
    expect(renderWebFrame({ kind: 'text', text: 'Dạ' })).toEqual({ type: 'message', text: 'Dạ' });
  });

  it('Telegram and Zalo: the text starts with the officer\'s name', () => {
    expect(JSON.stringify(renderTelegramMessages(officerReply))).toContain('Cán bộ Nguyễn Văn A: Chào Anh/Chị');
    expect(JSON.stringify(renderForZalo([officerReply]))).toContain('Cán bộ Nguyễn Văn A: Chào Anh/Chị');
  });
});
