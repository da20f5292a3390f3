import { describe, expect, it } from 'vitest';
import { Logger } from '../src/logging/logger.js';
import { maskPersonalData } from '../src/logging/mask-personal-data.js';

describe('masking personal data', () => {
  it.each([
    ['số căn cước của tôi là 001203004567', '001203004567'],
    ['cmnd 123456789 bị mất', '123456789'],
    ['gọi cho tôi 0912345678 nhé', '0912345678'],
    ['sđt: 0912 345 678', '0912 345 678'],
    ['số +84 912.345.678', '+84 912.345.678'],
    ['email nguyenvana@gmail.com', 'nguyenvana@gmail.com'],
    ['cccd029 216 022 182 cấp năm 2021', '029 216 022 182'],
    ['liên hệ (+84) 912-345-678', '912-345-678'],
    ['số bàn (024) 3825 1234', '3825 1234'],
    ['STK 0071 0004 1234 5 Vietcombank', '0071 0004 1234'],
    ['nhà tôi ở số 12 ngõ 34 Hàng Bạc, phường Hoàn Kiếm', '12 ngõ 34 Hàng Bạc'],
  ])('hides "%s"', (text, secret) => {
    const masked = maskPersonalData(text);
    expect(masked).not.toContain(secret);
    expect(masked).not.toMatch(/\d{6,}/);
  });

  it('keeps ordinary numbers and application codes readable', () => {
    expect(maskPersonalData('lệ phí 15.000 đồng, 07 ngày làm việc')).toBe('lệ phí 15.000 đồng, 07 ngày làm việc');
    expect(maskPersonalData('mã hồ sơ 000.12.34.H56-250910-0012')).toBe('mã hồ sơ 000.12.34.H56-250910-0012');
    expect(maskPersonalData('lệ phí 150.000.000 đồng, từ 01-01-2025')).toBe('lệ phí 150.000.000 đồng, từ 01-01-2025');
    const source = 'Nguồn: https://dantri.com.vn/noi-vu/chung-thuc-2025103114215143.htm';
    expect(maskPersonalData(source)).toBe(source);
  });

  it('masks every string field the logger writes, nested ones included', () => {
    const lines: string[] = [];
    const logger = new Logger({ write: (l) => lines.push(l) });
    logger.turn({ conversationKey: 'zalo:0987654321', outcome: 'answered', text: 'cccd 001203004567, mail a.b@c.vn', micros: 5 });
    logger.error('failed', new Error('user 0987654321 not found'));
    const all = lines.join('\n');
    expect(all).not.toContain('0987654321');
    expect(all).not.toContain('001203004567');
    expect(all).not.toContain('a.b@c.vn');
    expect(JSON.parse(lines[0]!).outcome).toBe('answered');
  });

  it('writes one JSON object per line (level, ISO time, message) and masks arrays, errors and the message itself', () => {
    const lines: string[] = [];
    const logger = new Logger({ write: (l) => lines.push(l) }, 'debug');
    logger.log('debug', 'from 0912345678', { users: [{ phone: '+84 912 345 678' }], cause: new Error('cccd 001203004567') });
    logger.log('debug', 'deep', { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: '0912345678' } } } } } } } } } });
    expect(lines).toHaveLength(2);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'debug', message: 'from *******678' });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
    expect(lines.join('\n')).not.toMatch(/\d{6,}|912 345/);
  });

  it('drops lines under the minimum level', () => {
    const lines: string[] = [];
    new Logger({ write: (l) => lines.push(l) }, 'warn').info('hello');
    expect(lines).toEqual([]);
  });
});
