// The staff workspace: plain JavaScript modules, no framework, no build step.
// Each screen is a module exporting { section, init(), load?(), reloadMessage? }; its <section> in
// index.html carries the permission it needs and, if it can reload, a "<section>-reload" button.
import { act, api, can, currentSession, setSession, whenLoggedOut } from './api.js';
import { auditScreen } from './audit.js';
import { loadIntents } from './content-intents.js';
import { dashboardScreen } from './dashboard.js';
import { editorScreen } from './editor.js';
import { handoversScreen } from './handovers.js';
import { $, say, showProblems } from './page.js';
import { reviewScreen } from './review.js';
import { spreadsheetsScreen } from './spreadsheets.js';
import { tryScreen } from './try.js';
import { usersScreen } from './users.js';
import { versionsScreen } from './versions.js';

const SCREENS = [handoversScreen, reviewScreen, tryScreen, editorScreen, versionsScreen, spreadsheetsScreen, dashboardScreen, usersScreen, auditScreen];

const allowed = (screen) => can($(screen.section).dataset.permission);

function showLogin(message) {
  setSession(null);
  $('workspace').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  say(message || '');
  $('username').focus();
}

/**
 * One screen per task: the hash names the screen (#versions), optionally with parameters
 * (#editor?path=data/procedures/khai_sinh.yaml&aspect=le_phi); the first allowed screen otherwise.
 */
function route() {
  if (!currentSession()) return;
  const [name, query] = location.hash.slice(1).split('?');
  const sections = [...document.querySelectorAll('#workspace section[data-permission]')].filter((s) => can(s.dataset.permission));
  const shown = sections.find((s) => s.id === name) ?? sections[0];
  for (const section of document.querySelectorAll('#workspace section[data-permission]')) section.hidden = section !== shown;
  for (const tab of document.querySelectorAll('.tabs a')) {
    if (tab.hash === `#${shown?.id}`) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  const screen = SCREENS.find((s) => s.section === shown?.id);
  screen?.show?.(new URLSearchParams(query ?? ''));
}

async function start() {
  try {
    setSession(await api('/session'));
  } catch {
    return showLogin('Vui lòng đăng nhập.');
  }
  const { user } = currentSession();
  $('login').hidden = true;
  $('workspace').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = `${user.displayName} (${user.roleLabel})`;
  for (const tab of document.querySelectorAll('.tabs a')) tab.parentElement.hidden = !can($(tab.hash.slice(1))?.dataset.permission);
  route();
  say(`Xin chào ${user.displayName}.`);
  await loadIntents();
  await Promise.all(SCREENS.filter((s) => s.load && allowed(s)).map((s) => s.load().catch((error) => showProblems(error.message, error.problems))));
}

document.addEventListener('DOMContentLoaded', () => {
  whenLoggedOut(showLogin);
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const username = $('username').value.trim();
    const password = $('password').value;
    if (!username || !password) return showProblems('Vui lòng nhập tên đăng nhập và mật khẩu.');
    act('Đang đăng nhập…', async () => {
      await api('/login', { username, password });
      $('password').value = '';
      await start();
    }, event.submitter);
  });
  $('logout').addEventListener('click', () =>
    act('Đang đăng xuất…', async () => {
      await api('/logout', {});
      showLogin('Đã đăng xuất.');
    }),
  );
  for (const screen of SCREENS) {
    screen.init();
    const reload = $(`${screen.section}-reload`);
    if (reload && screen.load) {
      reload.addEventListener('click', (e) => act('Đang tải…', async () => (await screen.load(), screen.reloadMessage), e.currentTarget));
    }
  }
  window.addEventListener('hashchange', route);
  start();
});
