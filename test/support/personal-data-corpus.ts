import { SeededRandom } from './seeded-random.js';

export type PersonalDataKind = 'id12' | 'id9' | 'mobile' | 'landline' | 'email' | 'bank_account' | 'address';

/** A message carrying one piece of personal data, and the parts of it that must never be shown. */
export interface PersonalDataSample {
  readonly kind: PersonalDataKind;
  readonly text: string;
  /** Strings none of which may appear in a log line or a staff screen. */
  readonly secrets: readonly string[];
}

const MOBILE_PREFIXES = ['32', '33', '34', '35', '36', '37', '38', '39', '56', '58', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '88', '89', '90', '91', '92', '93', '94', '96', '97', '98', '99'];
const LANDLINE_AREAS = ['24', '28', '236', '225', '292', '251', '203'];
const SURNAMES = ['nguyen', 'tran', 'le', 'pham', 'hoang', 'vu', 'dang', 'bui', 'do', 'ngo'];
const DOMAINS = ['gmail.com', 'yahoo.com.vn', 'outlook.com', 'hanoi.gov.vn', 'fpt.vn', 'vnpt.vn'];
const STREETS = ['Hàng Bạc', 'Nguyễn Trãi', 'Lê Lợi', 'Trần Hưng Đạo', 'Điện Biên Phủ', 'Võ Văn Tần', 'Lý Thường Kiệt', 'Hai Bà Trưng'];
const STREET_WORDS = ['đường', 'phố', 'ngõ', 'hẻm', 'kiệt', 'ngách'];

/** Sentences a citizen writes around the data ("{}" is where it goes). */
const CARRIERS: Record<PersonalDataKind, readonly string[]> = {
  id12: ['số căn cước của tôi là {}', 'CCCD: {} bị mất thì làm sao', 'cccd{} cấp năm 2021', 'tôi mang căn cước {}.', 'mã định danh ({}) sai'],
  id9: ['cmnd {} hết hạn rồi', 'CMND số:{} muốn đổi sang căn cước', 'chứng minh {}, làm lại được không?'],
  mobile: ['gọi cho tôi {} nhé', 'sđt: {}', 'SĐT:{}', 'số điện thoại {}, cảm ơn', 'liên hệ ({}) giúp em', 'zalo {}!', '{} là số của mẹ tôi'],
  landline: ['số bàn {}', 'gọi {} vào giờ hành chính', 'máy nhà: {}'],
  email: ['email {}', 'gửi về {} giúp tôi', 'mail:{}', 'địa chỉ thư ({}) đúng không'],
  bank_account: ['STK {} ngân hàng Vietcombank', 'số tài khoản: {}', 'chuyển khoản vào {} được không', 'tk {} chủ tài khoản Lan'],
  address: ['nhà tôi ở {}, phường Hoàn Kiếm', 'địa chỉ: {}, quận 3', 'tôi sống tại {}; muốn đăng ký tạm trú', 'thường trú {}\nxin hỏi thủ tục'],
};

function separated(r: SeededRandom, digits: string, groups: readonly number[]): string {
  const sep = r.pick([' ', '.', '-', '']);
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    parts.push(digits.slice(at, at + g));
    at += g;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.filter(Boolean).join(sep);
}

function mobile(r: SeededRandom): { written: string; digits: string } {
  const national = r.pick(MOBILE_PREFIXES).charAt(0) + r.pick(MOBILE_PREFIXES).charAt(1) + r.digits(7); // 9 digits after the 0
  const grouped = (lead: string) => separated(r, lead + national, lead === '0' ? r.pick([[4, 3, 3], [3, 3, 4], [4, 6], [10]]) : [3, 3, 3]);
  const form = r.int(0, 7);
  const written =
    form === 0 ? `0${national}`
    : form === 1 ? grouped('0')
    : form === 2 ? `+84${national}`
    : form === 3 ? `+84 ${separated(r, national, [3, 3, 3])}`
    : form === 4 ? `84-${separated(r, national, [3, 3, 3]).replace(/[ .]/g, '-')}`
    : form === 5 ? `84${national}`
    : form === 6 ? `(+84) ${separated(r, national, [3, 3, 3])}`
    : `+84 (0) ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  return { written, digits: national };
}

function sample(r: SeededRandom, kind: PersonalDataKind): { written: string; secrets: string[] } {
  switch (kind) {
    case 'id12': {
      const digits = `0${String(r.int(1, 96)).padStart(2, '0')}${r.int(0, 3)}${r.digits(8)}`;
      const written = r.next() < 0.7 ? digits : separated(r, digits, [3, 3, 3, 3]).replace(/\./g, ' ');
      return { written, secrets: [written, digits, digits.slice(0, 9)] };
    }
    case 'id9': {
      const digits = `${r.int(1, 3)}${r.digits(8)}`;
      const written = r.next() < 0.7 ? digits : `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
      return { written, secrets: [written, digits] };
    }
    case 'mobile': {
      const { written, digits } = mobile(r);
      return { written, secrets: [written, digits, digits.slice(0, 6)] };
    }
    case 'landline': {
      const area = r.pick(LANDLINE_AREAS);
      const local = r.digits(10 - area.length);
      const written = r.pick([`0${area}${local}`, `0${area} ${local.slice(0, 4)} ${local.slice(4)}`, `(0${area}) ${local.slice(0, 4)} ${local.slice(4)}`, `0${area}.${local.slice(0, 4)}.${local.slice(4)}`, `+84 ${area} ${local}`]);
      return { written, secrets: [written, `${area}${local}`] };
    }
    case 'email': {
      const user = `${r.pick(SURNAMES)}${r.pick(['.', '_', '', '+hs'])}${r.pick(SURNAMES)}${r.next() < 0.5 ? r.digits(r.int(1, 4)) : ''}`;
      const written = `${r.next() < 0.2 ? user.toUpperCase() : user}@${r.pick(DOMAINS)}`;
      return { written, secrets: [written, user, written.split('@')[1]!.split('.')[0]! === 'gmail' ? `${user}@` : written.split('@')[1]!] };
    }
    case 'bank_account': {
      const digits = r.digits(r.int(9, 16));
      const written = r.next() < 0.6 ? digits : separated(r, digits, [4, 4, 4, 4]).replace(/\./g, ' ');
      return { written, secrets: [written, digits] };
    }
    case 'address': {
      const house = `${r.int(1, 999)}${r.next() < 0.3 ? `/${r.int(1, 99)}` : ''}${r.next() < 0.1 ? 'B' : ''}`;
      const street = `${r.pick(STREET_WORDS)} ${r.next() < 0.3 ? `${r.int(1, 200)} ` : ''}${r.pick(STREETS)}`;
      const written = `${r.pick(['số ', 'nhà ', 'số nhà ', ''])}${house} ${street}`;
      return { written, secrets: [`${house} ${street}`] };
    }
  }
}

export const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = ['id12', 'id9', 'mobile', 'landline', 'email', 'bank_account', 'address'];

/** `count` messages, kinds in turn, from a seed: the same corpus every run. */
export function personalDataCorpus(count: number, seed = 13_2023): PersonalDataSample[] {
  const r = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = PERSONAL_DATA_KINDS[i % PERSONAL_DATA_KINDS.length]!;
    const { written, secrets } = sample(r, kind);
    return { kind, text: r.pick(CARRIERS[kind]).replace('{}', written), secrets: secrets.filter((s) => s.length >= 6) };
  });
}

/** The samples of which some secret is still visible in `shown` (a log, an API answer). */
export function leaks(samples: readonly PersonalDataSample[], shown: string): PersonalDataSample[] {
  return samples.filter((s) => s.secrets.some((secret) => shown.includes(secret)));
}
