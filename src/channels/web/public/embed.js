/*
 * Embeds the chat in a portal page: <script src="https://<chat server>/embed.js" defer></script>
 * adds a "Hỏi Trợ lý" button that opens the chat page in a frame. The portal's origin must be in
 * WEB_CHAT_ALLOWED_ORIGINS (the page may only be framed by allowed origins).
 */
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script || window.troLyChatEmbedded) return;
  window.troLyChatEmbedded = true;
  const chatOrigin = new URL(script.src).origin;
  const FRAME_ID = 'tro-ly-chat-frame';

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '💬 Hỏi Trợ lý';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', FRAME_ID);
  Object.assign(button.style, {
    position: 'fixed',
    right: '16px',
    bottom: '16px',
    zIndex: '2147483000',
    minHeight: '48px',
    padding: '12px 20px',
    border: '0',
    borderRadius: '24px',
    background: '#0b4f8a',
    color: '#ffffff',
    font: '600 16px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    boxShadow: '0 2px 8px rgba(0, 0, 0, 0.3)',
    cursor: 'pointer',
  });

  let frame = null;

  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = FRAME_ID;
      frame.src = `${chatOrigin}/?embed=1`;
      frame.title = 'Trợ lý thủ tục hành chính';
      Object.assign(frame.style, {
        position: 'fixed',
        right: '16px',
        bottom: '76px',
        zIndex: '2147483000',
        width: 'min(400px, calc(100vw - 32px))',
        height: 'min(600px, calc(100vh - 108px))',
        border: '1px solid #c4cad3',
        borderRadius: '12px',
        background: '#ffffff',
        boxShadow: '0 4px 16px rgba(0, 0, 0, 0.25)',
      });
      document.body.append(frame);
    }
    frame.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    button.textContent = '✕ Đóng trò chuyện';
    frame.focus();
  }

  function close() {
    if (!frame || frame.hidden) return;
    frame.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.textContent = '💬 Hỏi Trợ lý';
    button.focus();
  }

  button.addEventListener('click', () => (frame && !frame.hidden ? close() : open()));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });

  if (document.body) document.body.append(button);
  else document.addEventListener('DOMContentLoaded', () => document.body.append(button));
})();
