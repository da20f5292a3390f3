// Staff accounts: list, create, change the role, lock or unlock, and set a new password.
import { act, api, currentSession } from './api.js';
import { $, button, dateTime, el } from './page.js';
import { showPasswordStrength } from './password-strength.js';
import { ROLE_LABELS } from './roles.js';

/** The account whose password the reset form sets, and the hints to refresh when forms are cleared. */
let resetting = null;
let refreshCreateHint = () => {};
let refreshResetHint = () => {};

async function load() {
  const { users } = await api('/users');
  $('users-list').replaceChildren(...users.map(userRow));
}

function roleOptions(selected) {
  return Object.entries(ROLE_LABELS).map(([role, label]) => {
    const option = el('option', label);
    option.value = role;
    option.defaultSelected = role === selected;
    return option;
  });
}

function userRow(user) {
  const tr = el('tr');
  const name = el('th', user.username);
  name.scope = 'row';
  const role = el('td');
  const selectId = `user-role-${user.id}`;
  const label = el('label', `Vai trò của ${user.username}`, 'visually-hidden');
  label.htmlFor = selectId;
  const select = el('select');
  select.id = selectId;
  select.append(...roleOptions(user.role));
  const change = button('Đổi vai trò', 'secondary');
  change.setAttribute('aria-label', `Đổi vai trò của ${user.username}`);
  change.addEventListener('click', () =>
    act('Đang đổi vai trò…', async () => {
      const role = select.value;
      try {
        await patch(user, { role });
      } catch (error) {
        select.value = user.role;
        throw error;
      }
      await load();
      return `Đã đổi vai trò của ${user.username} thành ${ROLE_LABELS[role]}.`;
    }, change),
  );
  role.append(label, select, change);

  const status = el('td', user.disabled ? 'Đã khóa' : 'Đang hoạt động', user.disabled ? 'locked' : undefined);
  const actions = el('td');
  const lock = button(user.disabled ? 'Mở khóa' : 'Khóa', 'secondary');
  lock.setAttribute('aria-label', `${user.disabled ? 'Mở khóa' : 'Khóa'} tài khoản ${user.username}`);
  lock.addEventListener('click', () =>
    act(user.disabled ? 'Đang mở khóa…' : 'Đang khóa…', async () => {
      await patch(user, { disabled: !user.disabled });
      await load();
      return user.disabled
        ? `Đã mở khóa tài khoản ${user.username}.`
        : `Đã khóa tài khoản ${user.username}; mọi phiên đăng nhập của tài khoản này đã kết thúc.`;
    }, lock),
  );
  const reset = button('Đặt lại mật khẩu', 'secondary');
  reset.setAttribute('aria-label', `Đặt lại mật khẩu cho ${user.username}`);
  reset.addEventListener('click', () => openReset(user));
  actions.append(lock, reset);

  const cells = [name, el('td', user.displayName), role, el('td', dateTime(user.createdAt)), status, actions];
  // On a phone each row becomes a card, each cell labelled with its column's name (see admin.css).
  const columns = $('users-list').closest('table').tHead.rows[0].cells;
  cells.forEach((cell, i) => (cell.dataset.label = columns[i].textContent));
  tr.append(...cells);
  return tr;
}

/** Changes an account; the server refuses an administrator demoting or locking themselves, with its message. */
const patch = (user, changes) => api(`/users/${user.id}`, changes, 'PATCH');

function openReset(user) {
  resetting = user;
  $('reset-title').textContent = `Đặt mật khẩu mới cho ${user.username} (${user.displayName})`;
  $('reset-password').value = '';
  refreshResetHint();
  $('reset-form').hidden = false;
  $('reset-password').focus();
}

function closeReset() {
  resetting = null;
  $('reset-password').value = '';
  $('reset-form').hidden = true;
}

function resetPassword(event) {
  event.preventDefault();
  const user = resetting;
  if (!user) return;
  act('Đang đặt mật khẩu mới…', async () => {
    await api(`/users/${user.id}/password`, { password: $('reset-password').value });
    closeReset();
    if (user.id === currentSession().user.id) {
      // Every session of the account ended, this one too: back to the login form.
      const loggedOut = new Error('Đã đặt mật khẩu mới. Vui lòng đăng nhập lại bằng mật khẩu mới.');
      loggedOut.status = 401;
      throw loggedOut;
    }
    return `Đã đặt mật khẩu mới cho ${user.username}; mọi phiên đăng nhập của tài khoản này đã kết thúc.`;
  }, event.submitter);
}

function createUser(event) {
  event.preventDefault();
  const displayName = $('user-display-name').value.trim();
  const account = {
    username: $('user-username').value.trim(),
    role: $('user-role').value,
    password: $('user-password').value,
    ...(displayName ? { displayName } : {}),
  };
  act('Đang tạo tài khoản…', async () => {
    const { user } = await api('/users', account);
    $('user-form').reset();
    refreshCreateHint();
    await load();
    return `Đã tạo tài khoản ${user.username} (${user.roleLabel}).`;
  }, event.submitter);
}

function init() {
  $('user-role').replaceChildren(...roleOptions('editor'));
  refreshCreateHint = showPasswordStrength($('user-password'), $('user-password-hint'));
  refreshResetHint = showPasswordStrength($('reset-password'), $('reset-password-hint'));
  $('user-form').addEventListener('submit', createUser);
  $('reset-form').addEventListener('submit', resetPassword);
  $('reset-cancel').addEventListener('click', closeReset);
}

export const usersScreen = { section: 'users', init, load, reloadMessage: 'Đã tải lại danh sách tài khoản.' };
