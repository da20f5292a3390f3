// Small DOM helpers shared by every screen. Everything shown goes through textContent, never HTML.

export const $ = (id) => document.getElementById(id);

export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

export function button(text, className) {
  const node = el('button', text, className);
  node.type = 'button';
  return node;
}

export const dateTime = (iso) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '');

export const percent = (x) => `${Math.round(x * 1000) / 10}%`;

/** The polite status line every action reports to (read out by screen readers). */
export function say(text) {
  $('status').textContent = text;
}

/** The alert box: a title and the problems (file, line, field, message) the server gave; no title hides it. */
export function showProblems(title, problems) {
  const box = $('problems');
  const list = $('problems-list');
  list.replaceChildren();
  if (!title) {
    box.hidden = true;
    return;
  }
  $('problems-title').textContent = title;
  for (const p of problems || []) {
    list.append(el('li', `${p.file}${p.line ? ':' + p.line : ''} — ${p.label || p.field || '(tệp)'}: ${p.message}`));
  }
  box.hidden = false;
}

/** Horizontal bars: rows of { label, value, shown } scaled to `max`. */
export function bars(list, rows, max) {
  list.replaceChildren(
    ...rows.map(({ label, value, shown }) => {
      const li = el('li');
      const track = el('div', undefined, 'bar-track');
      const bar = el('div', undefined, 'bar');
      bar.style.width = `${max > 0 ? Math.round((value / max) * 100) : 0}%`;
      bar.setAttribute('aria-hidden', 'true');
      track.append(bar);
      li.append(el('span', label), track, el('span', shown));
      return li;
    }),
  );
}
