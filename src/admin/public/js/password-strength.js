// A hint, as an administrator types a password, about the API's rules (10 to 256 characters) and its strength.

const MIN_LENGTH = 10;
const MAX_LENGTH = 256;
/** Passwords (and their parts) that appear in every list of leaked passwords. */
const COMMON = /^(.)\1*$|123456|abcdef|qwerty|password|matkhau|mat-khau|admin/i;

/** { level: 'empty' | 'short' | 'long' | 'weak' | 'fair' | 'strong', text } for a password typed so far. */
export function passwordStrength(password) {
  if (!password) return { level: 'empty', text: `Ít nhất ${MIN_LENGTH} ký tự. Nên dùng một cụm từ dài, dễ nhớ mà khó đoán.` };
  const length = [...password].length;
  if (length < MIN_LENGTH) return { level: 'short', text: `Còn thiếu ${MIN_LENGTH - length} ký tự (tối thiểu ${MIN_LENGTH}).` };
  if (length > MAX_LENGTH) return { level: 'long', text: `Mật khẩu dài tối đa ${MAX_LENGTH} ký tự.` };
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((kind) => kind.test(password)).length;
  const score = kinds + (length >= 14 ? 1 : 0) + (length >= 20 ? 1 : 0) - (COMMON.test(password) ? 3 : 0);
  if (score <= 2) return { level: 'weak', text: 'Độ mạnh: yếu. Nên dài hơn, thêm chữ hoa, chữ số hoặc ký hiệu, tránh các chuỗi dễ đoán.' };
  if (score <= 3) return { level: 'fair', text: 'Độ mạnh: khá. Dài hơn hoặc thêm loại ký tự thì mạnh hơn.' };
  return { level: 'strong', text: 'Độ mạnh: mạnh.' };
}

/** Keeps `hint` describing the password in `input` as it is typed. */
export function showPasswordStrength(input, hint) {
  const update = () => {
    const { level, text } = passwordStrength(input.value);
    hint.textContent = text;
    hint.dataset.level = level;
  };
  input.addEventListener('input', update);
  update();
  return update;
}
