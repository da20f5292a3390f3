// The workspace's connection to /admin/api: the session, permissions, requests and actions.
import { say, showProblems } from './page.js';

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

/** Runs an action with a status message; shows the error (and its problems) when it fails. */
export async function act(busy, work, control) {
  showProblems('');
  say(busy);
  if (control) control.disabled = true;
  try {
    const done = await work();
    if (done) say(done);
  } catch (error) {
    if (error.status === 401) return onLoggedOut(error.message);
    say('');
    showProblems(error.message, error.problems);
  } finally {
    if (control) control.disabled = false;
  }
}

/** Tells the other screens that a new draft version exists (the history reloads, forms refresh). */
export const announceDraftChanged = () => document.dispatchEvent(new CustomEvent('draft-changed'));
export const onDraftChanged = (handler) => document.addEventListener('draft-changed', handler);
