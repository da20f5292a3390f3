// The workspace's connection to /admin/api: the session, permissions, requests and actions.
import { $, el, say, showProblems } from './page.js';

const API = '/admin/api';

/** The logged-in session: user, permissions and the CSRF token sent with every change. */
let session = null;
let onLoggedOut = () => {};

export const currentSession = () => session;
export const setSession = (value) => {
  session = value;
};
export const can = (permission) => Boolean(session && session.permissions.includes(permission));

/** What to do when the server says the session is gone (show the login form). */
export function whenLoggedOut(handler) {
  onLoggedOut = handler;
}

/**
 * Calls the API: the parsed body, or throws an Error carrying the server's Vietnamese message,
 * its problems and its status. A body means POST unless `method` says otherwise; a Blob (a file)
 * is sent as it is, with its own type, anything else as JSON.
 */
export async function api(path, body, method) {
  const options = { credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    const file = body instanceof Blob;
    options.method = method || 'POST';
    options.headers['content-type'] = file ? body.type || 'application/octet-stream' : 'application/json';
    options.body = file ? body : JSON.stringify(body);
  }
  if (options.method && session) options.headers['X-CSRF-Token'] = session.csrfToken;
  const response = await fetch(API + path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.error || `Lỗi máy chủ (${response.status}).`);
    error.status = response.status;
    error.problems = data.problems;
    error.data = data;
    throw error;
  }
  return data;
}

/**
 * The feedback box of a control: right after it (or after its group of buttons), so progress and
 * results show where the officer pressed. Focusable, so focus can move to the result.
 */
function feedbackFor(control) {
  const cell = control.closest('td');
  const anchor = control.closest('.editor-actions, .actions') || control;
  const existing = cell ? cell.querySelector(':scope > .feedback') : anchor.nextElementSibling;
  if (existing?.classList.contains('feedback')) return existing;
  const box = el('div', undefined, 'feedback');
  box.tabIndex = -1;
  if (cell) cell.append(box);
  else anchor.after(box);
  return box;
}

/** Whether a feedback box can still be seen (its list may have been redrawn, its form closed). */
function visible(box) {
  const beside = box.previousElementSibling || box.parentElement;
  return box.isConnected && beside !== null && beside.offsetParent !== null;
}

/** Shows a message (and the server's problems) in a feedback box. */
function showFeedback(box, text, problems, isError) {
  box.classList.toggle('feedback--error', Boolean(isError));
  box.setAttribute('role', isError ? 'alert' : 'status');
  const list = el('ul');
  for (const p of problems || []) list.append(el('li', `${p.label || p.field || p.file}: ${p.message}`));
  box.replaceChildren(el('p', text), ...(list.children.length ? [list] : []));
  box.hidden = !text;
}

/**
 * Runs an action: progress and then the result or the error (with its problems) shown next to the
 * control that started it, with focus moved there; without a control, in the page's status line.
 * `busy` may be a function of the seconds elapsed, for long actions (publishing).
 */
export async function act(busy, work, control) {
  const box = control ? feedbackFor(control) : null;
  const busyText = (seconds) => (typeof busy === 'function' ? busy(seconds) : busy);
  showProblems('');
  if (box) showFeedback(box, busyText(0));
  else say(busyText(0));
  const started = Date.now();
  const ticking = box && typeof busy === 'function' ? setInterval(() => showFeedback(box, busyText(Math.round((Date.now() - started) / 1000))), 1000) : null;
  if (control) control.disabled = true;
  const focusBefore = document.activeElement;
  // The action may move focus itself (to a field in error, a heading it opened): then it stays there.
  const focusMoved = () => document.activeElement !== focusBefore && document.activeElement !== document.body && document.activeElement !== control;
  try {
    const done = await work();
    if (box && visible(box)) {
      showFeedback(box, done || '');
      if (done && !focusMoved()) box.focus();
    } else if (done) {
      // The control is gone or hidden (its list redrawn, its form closed): the page's status line says it.
      say(done);
      if (!focusMoved()) $('status').focus();
    }
  } catch (error) {
    if (error.status === 401) return onLoggedOut(error.message);
    if (box && visible(box)) {
      showFeedback(box, error.message, error.problems, true);
      if (!focusMoved()) box.focus();
    } else {
      say('');
      showProblems(error.message, error.problems);
    }
  } finally {
    if (ticking) clearInterval(ticking);
    if (control) control.disabled = false;
  }
}

/** Tells the other screens that a new draft version exists (the history reloads, forms refresh). */
export const announceDraftChanged = () => document.dispatchEvent(new CustomEvent('draft-changed'));
export const onDraftChanged = (handler) => document.addEventListener('draft-changed', handler);
