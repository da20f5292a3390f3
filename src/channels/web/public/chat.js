/*
 * The web chat page: plain JavaScript, no framework, no build step. Everything shown is set with
 * textContent or text nodes, never parsed as HTML. Protocol: src/channels/web/web-chat-protocol.ts.
 */
(() => {
  'use strict';

  const MAX_FRAME_BYTES = 4000; // the server closes a socket that sends more than 4096 bytes at once
  const MAX_BACKOFF_MS = 30000;
  const TYPING_TIMEOUT_MS = 60000;
  const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

  const log = document.getElementById('messages');
  const form = document.getElementById('composer');
  const input = document.getElementById('question');
  const typing = document.getElementById('typing');
  const status = document.getElementById('connection-status');
  const encoder = new TextEncoder();

  const socketUrl = (() => {
    const url = new URL('chat/ws', document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    return url.href;
  })();

  /** Sent but not yet acknowledged: sent again after a reconnect (the server drops duplicates). */
  const unacked = new Map();
  let socket = null;
  let retries = 0;
  let retryTimer = 0;
  let typingTimer = 0;
  let helloSent = false;
  let everConnected = false;

  function connect() {
    clearTimeout(retryTimer);
    const ws = new WebSocket(socketUrl);
    socket = ws;
    ws.addEventListener('open', () => {
      retries = 0;
      setStatus(everConnected ? 'Đã kết nối lại.' : '');
      if (everConnected) setTimeout(() => socket === ws && setStatus(''), 3000);
      everConnected = true;
      if (!helloSent) {
        ws.send(JSON.stringify({ type: 'hello' }));
        helloSent = true;
      }
      for (const { json } of unacked.values()) ws.send(json);
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data === 'string') onFrame(event.data);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      scheduleReconnect();
    });
  }

  /** Exponential back-off with jitter: about 1 s, 2 s, 4 s… up to 30 s. */
  function scheduleReconnect() {
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** retries) * (0.5 + Math.random() / 2);
    retries += 1;
    setStatus('Mất kết nối. Đang thử kết nối lại…');
    retryTimer = setTimeout(connect, delay);
  }

  function reconnectNow() {
    if (socket) return;
    retries = 0;
    connect();
  }

  function onFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'ack') {
      settle(frame.id);
    } else if (frame.type === 'failed') {
      settle(frame.id);
      stopTyping();
      addNotice(typeof frame.text === 'string' ? frame.text : 'Xin lỗi, đã có lỗi. Anh/Chị vui lòng thử lại.');
    } else if (frame.type === 'message' && typeof frame.text === 'string') {
      stopTyping();
      addBotMessage(frame);
    }
  }

  function settle(id) {
    const entry = unacked.get(id);
    if (!entry) return;
    unacked.delete(id);
    entry.item.classList.remove('is-pending');
  }

  /** Shows the citizen's message and sends it; false when it is too long to send. */
  function sendMessage(body, shownText) {
    const id = newId();
    const json = JSON.stringify({ type: 'message', id, ...body });
    if (encoder.encode(json).length > MAX_FRAME_BYTES) {
      addNotice('Câu hỏi dài quá. Anh/Chị vui lòng viết ngắn lại.');
      return false;
    }
    const item = element('li', 'msg msg--user is-pending');
    item.append(hiddenText('Anh/Chị: '), element('p', 'msg__text', shownText));
    show(item, false);
    unacked.set(id, { json, item });
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(json);
    startTyping();
    return true;
  }

  function addBotMessage(frame) {
    // An officer's reply is labelled with who wrote it, visibly, so it does not look like the bot's.
    if (typeof frame.officer === 'string' && frame.officer) {
      const item = element('li', 'msg msg--officer');
      item.append(element('p', 'msg__from', 'Cán bộ ' + frame.officer + ':'), textWithLinks(frame.text));
      show(item, true);
      return;
    }
    const item = element('li', frame.handover === true ? 'msg msg--bot msg--handover' : 'msg msg--bot');
    item.append(hiddenText('Trợ lý: '), textWithLinks(frame.text));
    if (Array.isArray(frame.choices) && frame.choices.length > 0) item.append(choiceButtons(frame.choices));
    const rating = frame.rating;
    if (rating && typeof rating.helpful === 'string' && typeof rating.notHelpful === 'string') item.append(ratingButtons(rating));
    show(item, true);
  }

  function addNotice(text) {
    const item = element('li', 'msg msg--notice');
    item.append(element('p', 'msg__text', text));
    show(item, false);
  }

  function choiceButtons(choices) {
    const group = element('div', 'msg__choices');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Các lựa chọn');
    for (const choice of choices) {
      if (!choice || typeof choice.title !== 'string' || typeof choice.payload !== 'string') continue;
      const button = element('button', '', choice.title);
      button.type = 'button';
      button.addEventListener('click', () => {
        if (sendMessage({ payload: choice.payload }, choice.title)) button.setAttribute('aria-pressed', 'true');
      });
      group.append(button);
    }
    return group;
  }

  function ratingButtons(rating) {
    const group = element('div', 'msg__rating');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Câu trả lời này có hữu ích không?');
    const options = [
      { emoji: '👍', label: 'Hữu ích', payload: rating.helpful },
      { emoji: '👎', label: 'Chưa hữu ích', payload: rating.notHelpful },
    ];
    const buttons = options.map(({ emoji, label, payload }) => {
      const button = element('button');
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      const icon = element('span', '', emoji);
      icon.setAttribute('aria-hidden', 'true');
      button.append(icon, ` ${label}`);
      button.addEventListener('click', () => {
        if (!sendMessage({ payload }, `${emoji} ${label}`)) return;
        button.setAttribute('aria-pressed', 'true');
        for (const other of buttons) other.disabled = true;
      });
      return button;
    });
    group.append(...buttons);
    return group;
  }

  /** Text with http(s) addresses as links; both made as text nodes and elements, never HTML. */
  function textWithLinks(text) {
    const paragraph = element('p', 'msg__text');
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      const href = match[0].replace(/[.,;:!?)\]]+$/, '');
      paragraph.append(text.slice(last, match.index));
      const link = element('a', '', href);
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      paragraph.append(link);
      last = match.index + href.length;
    }
    paragraph.append(text.slice(last));
    return paragraph;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hiddenText(text) {
    return element('span', 'visually-hidden', text);
  }

  /** Adds a message; a reply is scrolled to its start (answers can be long), others to the end. */
  function show(item, atStart) {
    log.append(item);
    log.scrollTop = atStart ? item.offsetTop - 8 : log.scrollHeight;
  }

  function startTyping() {
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, TYPING_TIMEOUT_MS);
  }

  function stopTyping() {
    typing.hidden = true;
    clearTimeout(typingTimer);
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function newId() {
    return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function fitInput() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 128)}px`;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text && sendMessage({ text }, text)) {
      input.value = '';
      fitInput();
    }
    input.focus();
  });
  input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter breaks the line; Enter that ends a Vietnamese IME composition does neither.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    form.requestSubmit();
  });
  input.addEventListener('input', fitInput);
  window.addEventListener('online', reconnectNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') reconnectNow();
  });

  connect();
})();
