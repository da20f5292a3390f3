import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createContentApp } from '../../../src/admin/content/content-app.js';
import { createDocumentsApp, MAX_DOCUMENT_BYTES } from '../../../src/admin/content/documents-app.js';
import { filesIn } from '../../../src/content/content-files.js';
import { SqlContentVersions } from '../../../src/store/content-version-store.js';
import { publisherFor, SEED } from '../../content-versions/harness.js';
import { adminHarness, type LoggedIn } from '../admin-harness.js';

/** The staff app with the documents and content APIs mounted beside it, two editors logged in. */
async function documentsHarness() {
  const h = adminHarness();
  const versions = SqlContentVersions.inMemory();
  const publisher = publisherFor(versions);
  h.app.route('/api/documents', createDocumentsApp({ staff: h.staff, publisher, clock: () => h.clock.now }));
  h.app.route('/api/content', createContentApp({ staff: h.staff, publisher, clock: () => h.clock.now }));
  await h.seed('lan', 'editor');
  await h.seed('minh', 'editor');
  const lan = await h.login('lan');
  const minh = await h.login('minh');

  const open = async (path: string, who: LoggedIn = lan) => {
    const response = await h.call(`/api/documents/one?path=${encodeURIComponent(path)}`, { cookie: who.cookie });
    expect(response.status).toBe(200);
    return (await response.json()) as Opened;
  };
  const send = (method: 'PUT' | 'POST' | 'DELETE', json: unknown, who: LoggedIn = lan) =>
    h.call('/api/documents', { method, json, cookie: who.cookie, csrf: who.csrf });
  return { ...h, versions, publisher, lan, minh, open, send };
}

interface Opened {
  path: string;
  kind: string;
  id: string;
  title: string;
  baseVersion: number | null;
  value: Record<string, any>;
  form: { type: string; fields: { name: string; label: string }[] };
  suggestions: Record<string, string[]>;
}

interface Refused {
  error: string;
  problems: { file: string; field: string; label?: string; message: string }[];
}

const yamlValue = (path: string): Record<string, any> => parseDocument(SEED[path]!).toJS();
const clone = <T>(v: T): T => structuredClone(v);

describe('documents API (content forms)', () => {
  it('lists every editable document of the newest version with kind, path, id and title', async () => {
    const h = await documentsHarness();
    const response = await h.call('/api/documents', { cookie: h.lan.cookie });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { baseVersion: number | null; documents: { path: string; kind: string; id: string; title: string }[]; kinds: { kind: string; creatable: boolean }[] };
    expect(body.baseVersion).toBeNull();
    const count = (kind: string) => body.documents.filter((d) => d.kind === kind).length;
    expect(count('procedure')).toBe(filesIn(SEED, 'data/procedures').length);
    expect(count('topic')).toBe(filesIn(SEED, 'data/topics').length);
    expect(count('intent')).toBe(filesIn(SEED, 'intents').length);
    expect(count('sources')).toBe(filesIn(SEED, 'data/sources').length);
    expect(body.documents.map((d) => d.path)).toEqual(
      expect.arrayContaining(['data/locality.yaml', 'data/messages.yaml', 'data/aspects.yaml', 'data/abbreviations.yaml', 'data/nlu.yaml', 'data/required-intents.yaml']),
    );
    expect(body.documents).toHaveLength(Object.keys(SEED).length);
    expect(body.documents).toContainEqual({ path: 'data/procedures/khai_sinh.yaml', kind: 'procedure', kindLabel: 'Thủ tục', id: 'khai_sinh', title: 'Đăng ký khai sinh', keywords: expect.stringContaining('Lệ phí') });
    expect(body.documents).toContainEqual({ path: 'data/topics/cong_dan.lien_he.yaml', kind: 'topic', kindLabel: 'Chủ đề', id: 'cong_dan.lien_he', title: 'Thông tin liên hệ' });
    expect(body.documents.find((d) => d.path === 'data/sources/ho-tich.yaml')?.title).toMatch(/^Nguồn cho các thủ tục hộ tịch/);
    expect(body.kinds.filter((k) => k.creatable).map((k) => k.kind).sort()).toEqual(['intent', 'procedure', 'sources', 'topic']);
  });

  it('loads every document as its YAML data with a labelled form, and saving it unchanged changes nothing', { timeout: 120_000 }, async () => {
    const h = await documentsHarness();
    for (const path of Object.keys(SEED)) {
      const opened = await h.open(path);
      expect(opened.value, path).toEqual(yamlValue(path));
      expect(opened.form.type).toBe('object');
      const saved = await h.send('PUT', { path, baseVersion: opened.baseVersion, value: opened.value });
      expect(saved.status, path).toBe(200);
      expect(await saved.json()).toEqual({ draft: null, path });
    }
    expect(await h.publisher.history()).toEqual([]);
    const procedure = await h.open('data/procedures/khai_sinh.yaml');
    const aspects = procedure.form.fields.find((f) => f.name === 'aspects') as unknown as { fields: { name: string; label: string }[] };
    expect(aspects.fields.find((f) => f.name === 'le_phi')?.label).toBe('Lệ phí');
    expect(procedure.suggestions.sources).toContain('dvc_1_001193');
  });

  it('saves a changed fee as a new draft whose diff changes only that line, keeping comments, and audits it', async () => {
    const h = await documentsHarness();
    const path = 'data/procedures/chung_thuc.yaml';
    const opened = await h.open(path);
    const value = clone(opened.value);
    value.aspects.le_phi.items[1] = 'Chữ ký 12.000 đồng/trường hợp';
    const saved = await h.send('PUT', { path, baseVersion: null, value, factSource: { source: 'ht_tt_226_2016_btc' } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ draft: { id: 1, note: `Sửa ${path}` }, path, value: { verified: '2025-07-01' } });

    const diff = await h.publisher.diff(1);
    expect(diff.map((f) => f.path)).toEqual([path]);
    const changed = diff[0]!.unified.split('\n').filter((l) => /^[-+](?![-+])/.test(l));
    // The fact, and the date it was verified: today (the fact already cited the source given).
    expect(changed).toEqual([
      '-verified: 2026-11-25',
      '+verified: 2025-07-01',
      '-      - Chữ ký 10.000 đồng/trường hợp (một hoặc nhiều chữ ký trong cùng một giấy tờ)',
      '+      - Chữ ký 12.000 đồng/trường hợp',
    ]);
    const files = await h.publisher.files(1);
    expect(files[path]!.split('\n').slice(0, 2)).toEqual(SEED[path]!.split('\n').slice(0, 2));
    expect((await h.versions.get(1))?.status).toBe('draft');
    const [entry] = await h.staff.auditLog({ limit: 1 });
    expect(entry).toMatchObject({ user: 'lan', action: 'content.edit', target: path, before: { version: null }, after: { version: 1 } });
    expect((entry!.after!.value as typeof value).aspects.le_phi.items[1]).toBe('Chữ ký 12.000 đồng/trường hợp');

    const reopened = await h.open(path);
    expect(reopened.baseVersion).toBe(1);
    expect(reopened.value.aspects.le_phi.items[1]).toBe('Chữ ký 12.000 đồng/trường hợp');
  });

  it('names content fields in Vietnamese for the audit log, aspects by their titles', async () => {
    const h = await documentsHarness();
    const response = await h.call('/api/documents/labels', { cookie: h.lan.cookie });
    expect(response.status).toBe(200);
    const { labels } = (await response.json()) as { labels: Record<string, string> };
    expect(labels).toMatchObject({ aspects: 'Các khía cạnh', le_phi: 'Lệ phí', unknown: 'Chưa kiểm chứng được', check: 'Câu hỏi kiểm tra' });
  });

  it('asks for the source of an edited fact; none given is a 422 naming the facts, and nothing is stored', async () => {
    const h = await documentsHarness();
    const path = 'data/procedures/khai_sinh.yaml';
    const value = clone((await h.open(path)).value);
    value.aspects.le_phi.text = value.aspects.le_phi.text.replace('8.000 đồng/bản sao', '10.000 đồng/bản sao');
    const refused = await h.send('PUT', { path, baseVersion: null, value });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining('hãy chọn nguồn'), changedFacts: ['aspects.le_phi'], problems: [{ file: path, field: 'factSource' }] });
    expect(await h.versions.newest()).toBeUndefined();
    const unknown = await h.send('PUT', { path, baseVersion: null, value, factSource: { source: 'khong_co' } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: string }).error).toContain('Không có nguồn "khong_co"');
  });

  it('fills in an unknown fee with a new source: the source is added, the fee cites it, and verified is today', async () => {
    const h = await documentsHarness();
    const path = 'data/procedures/xay_dung.yaml';
    const value = clone((await h.open(path)).value);
    value.aspects.le_phi = { text: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75.000 đồng/giấy phép.', sources: [], check: value.aspects.le_phi.check };
    const newSource = { id: 'nq_hdnd_phi_xay_dung', title: 'Nghị quyết của HĐND tỉnh về lệ phí cấp giấy phép xây dựng', url: 'https://sonla.gov.vn' };
    const saved = await h.send('PUT', { path, baseVersion: null, value, factSource: { newSource } });
    expect(saved.status).toBe(200);
    const files = await h.publisher.files(1);
    expect(parseDocument(files['data/sources/can-bo.yaml']!).toJS()).toEqual({ sources: { nq_hdnd_phi_xay_dung: { title: newSource.title, url: newSource.url, checked: '2025-07-01' } } });
    const procedure = parseDocument(files[path]!).toJS();
    expect(procedure.verified).toBe('2025-07-01');
    expect(procedure.aspects.le_phi).toEqual({ text: value.aspects.le_phi.text, sources: ['nq_hdnd_phi_xay_dung'], check: { question: 'xin giấy phép xây dựng mất bao nhiêu tiền' } });
    const again = await h.send('PUT', { path, baseVersion: 1, value: procedure, factSource: { newSource } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { draft: unknown }).draft).toBeNull();
  });

  it('refuses a bad phone number, a bad URL and empty or missing required fields with 422, naming each field in Vietnamese', async () => {
    const h = await documentsHarness();
    const locality = clone((await h.open('data/locality.yaml')).value);
    locality.portal.hotline = '1800-10-96';
    locality.provincePortal.url = 'sonla gov vn';
    locality.name = '   ';
    const refused = await h.send('PUT', { path: 'data/locality.yaml', baseVersion: null, value: locality });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as Refused;
    expect(body.error).toBe('Nội dung chưa hợp lệ. Vui lòng sửa các ô được đánh dấu.');
    expect(body.problems).toEqual(
      expect.arrayContaining([
        { file: 'data/locality.yaml', field: 'portal.hotline', label: 'Cổng Dịch vụ công › Đường dây nóng', message: 'số điện thoại chỉ gồm chữ số, ví dụ "18001096"' },
        { file: 'data/locality.yaml', field: 'provincePortal.url', label: 'Cổng thông tin điện tử của tỉnh › Địa chỉ web', message: 'địa chỉ web không hợp lệ' },
        { file: 'data/locality.yaml', field: 'name', label: 'Tên', message: 'không được để trống' },
      ]),
    );

    const intent = clone((await h.open('intents/thu_tuc.khai_sinh.yaml')).value);
    intent.examples[3] = '';
    delete intent.description;
    const second = await h.send('PUT', { path: 'intents/thu_tuc.khai_sinh.yaml', baseVersion: null, value: intent });
    expect(second.status).toBe(422);
    expect(((await second.json()) as Refused).problems).toEqual(
      expect.arrayContaining([
        { file: 'intents/thu_tuc.khai_sinh.yaml', field: 'examples.3', label: 'Câu mẫu 4', message: 'không được để trống' },
        { file: 'intents/thu_tuc.khai_sinh.yaml', field: 'description', label: 'Mô tả', message: 'cần nhập thông tin này' },
      ]),
    );

    const procedure = clone((await h.open('data/procedures/khai_sinh.yaml')).value);
    procedure.aspects.le_phi = { text: '', sources: [] };
    const third = await h.send('PUT', { path: 'data/procedures/khai_sinh.yaml', baseVersion: null, value: procedure });
    expect(((await third.json()) as Refused).problems).toEqual([
      { file: 'data/procedures/khai_sinh.yaml', field: 'aspects.le_phi.text', label: 'Các khía cạnh › Lệ phí › Nội dung', message: 'không được để trống' },
      { file: 'data/procedures/khai_sinh.yaml', field: 'aspects.le_phi.sources', label: 'Các khía cạnh › Lệ phí › Nguồn', message: 'cần ít nhất một nguồn' },
    ]);
    expect(await h.publisher.history()).toEqual([]);
  });

  it('refuses a source id that does not exist (a cross-file problem) with 422 naming the file and field', async () => {
    const h = await documentsHarness();
    const path = 'data/procedures/khai_sinh.yaml';
    const value = clone((await h.open(path)).value);
    value.aspects.le_phi.sources = ['dvc_1_001193', 'nguon_khong_co'];
    const refused = await h.send('PUT', { path, baseVersion: null, value });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: 'Thay đổi này làm nội dung chung bị lỗi. Vui lòng sửa các lỗi dưới đây.',
      problems: [
        {
          file: path,
          line: expect.any(Number),
          field: 'aspects.le_phi.sources.1',
          label: 'Các khía cạnh › Lệ phí › Mã nguồn 2',
          message: 'không có nguồn "nguon_khong_co" trong data/sources/',
        },
      ],
    });
    expect(await h.publisher.history()).toEqual([]);
  });

  it('tells the second of two editors working on the same version that the draft changed (409), and loses nothing', async () => {
    const h = await documentsHarness();
    const path = 'data/topics/hoi_thoai.cam_on.yaml';
    const forLan = await h.open(path, h.lan);
    const forMinh = await h.open(path, h.minh);
    expect(forLan.baseVersion).toBe(forMinh.baseVersion);

    const lanSaves = await h.send('PUT', { path, baseVersion: forLan.baseVersion, value: { ...forLan.value, text: 'Lời cảm ơn của Lan.' } }, h.lan);
    expect(lanSaves.status).toBe(200);
    const minhSaves = await h.send('PUT', { path, baseVersion: forMinh.baseVersion, value: { ...forMinh.value, related: ['hoi_thoai.tro_giup'] } }, h.minh);
    expect(minhSaves.status).toBe(409);
    expect(((await minhSaves.json()) as Refused).error).toMatch(/^Bản nháp đã thay đổi: bạn sửa từ nội dung gốc của kho mã nhưng bản mới nhất là phiên bản 1 \(lan/);
    expect((await h.publisher.history()).map((v) => v.id)).toEqual([1]);

    const reloaded = await h.open(path, h.minh);
    expect(reloaded).toMatchObject({ baseVersion: 1, value: { text: 'Lời cảm ơn của Lan.' } });
    const again = await h.send('PUT', { path, baseVersion: 1, value: { ...reloaded.value, related: ['hoi_thoai.tro_giup'] } }, h.minh);
    expect(again.status).toBe(200);
    const topic = parseDocument((await h.publisher.files(2))[path]!).toJS() as { text: string; related: string[] };
    expect(topic).toMatchObject({ text: 'Lời cảm ơn của Lan.', related: ['hoi_thoai.tro_giup'] });
  });

  it('creates a new document as a draft and deletes one, refusing to delete what other content still uses', async () => {
    const h = await documentsHarness();
    const started = await h.call('/api/documents/new?kind=sources&name=nguon-moi', { cookie: h.lan.cookie });
    expect(started.status).toBe(200);
    const fresh = (await started.json()) as Opened & { isNew: boolean };
    expect(fresh).toMatchObject({ path: 'data/sources/nguon-moi.yaml', kind: 'sources', isNew: true, value: { sources: {} } });

    const badKey = await h.send('POST', { path: fresh.path, baseVersion: null, value: { sources: { 'Mã Sai': { title: 'x', checked: '2026-11-20' } } } });
    expect(((await badKey.json()) as Refused).problems).toEqual([
      { file: fresh.path, field: 'sources.Mã Sai', label: 'Nguồn › Mã Sai', message: 'khóa "Mã Sai" không hợp lệ: mã nguồn chỉ gồm chữ thường, số và "_"' },
    ]);
    const value = { sources: { moi_2026: { title: 'Công văn mới của UBND tỉnh', url: 'https://sonla.gov.vn/cong-van', checked: '2026-11-20' } } };
    const created = await h.send('POST', { path: fresh.path, baseVersion: null, value });
    expect(created.status).toBe(201);
    expect(parseDocument((await h.publisher.files(1))['data/sources/nguon-moi.yaml']!).toJS()).toEqual(value);
    expect((await h.call('/api/documents/new?kind=sources&name=nguon-moi', { cookie: h.lan.cookie })).status).toBe(409);
    expect((await h.send('POST', { path: fresh.path, baseVersion: 1, value })).status).toBe(409);
    expect((await h.call('/api/documents/new?kind=locality&name=x', { cookie: h.lan.cookie })).status).toBe(400);
    expect((await h.call('/api/documents/new?kind=procedure&name=Tên%20có%20dấu', { cookie: h.lan.cookie })).status).toBe(400);

    const orphan = await h.send('POST', {
      path: 'data/procedures/giay_phep_moi.yaml',
      baseVersion: 1,
      value: { ...yamlValue('data/procedures/khai_sinh.yaml'), id: 'giay_phep_moi', intent: 'thu_tuc.giay_phep_moi' },
    });
    expect(orphan.status).toBe(422);
    expect(((await orphan.json()) as Refused).problems).toContainEqual(
      expect.objectContaining({ file: 'data/procedures/giay_phep_moi.yaml', field: 'intent', label: 'Ý định', message: 'không có ý định "thu_tuc.giay_phep_moi" trong intents/' }),
    );

    const inUse = await h.send('DELETE', { path: 'data/sources/common.yaml', baseVersion: 1 });
    expect(inUse.status).toBe(422);
    const refusal = (await inUse.json()) as Refused;
    expect(refusal.error).toBe('Không thể xóa vì nội dung khác vẫn đang dùng đến tài liệu này:');
    expect(refusal.problems).toContainEqual(
      expect.objectContaining({ file: 'data/procedures/khai_sinh.yaml', field: 'summary.sources.0', message: 'không có nguồn "dvc_1_001193" trong data/sources/' }),
    );
    expect((await h.send('DELETE', { path: 'data/locality.yaml', baseVersion: 1 })).status).toBe(400);

    const deleted = await h.send('DELETE', { path: 'data/sources/nguon-moi.yaml', baseVersion: 1 });
    expect(deleted.status).toBe(200);
    expect(await h.publisher.files(2)).toEqual(SEED);
    expect((await h.staff.auditLog({ limit: 2 })).map((e) => [e.action, e.target])).toEqual([
      ['content.delete', 'data/sources/nguon-moi.yaml'],
      ['content.create', 'data/sources/nguon-moi.yaml'],
    ]);
  });

  it('admits editors only: logged out 401, forged CSRF token 403', async () => {
    const h = await documentsHarness();
    const path = 'data/topics/hoi_thoai.cam_on.yaml';
    const value = { ...yamlValue(path), text: 'Cảm ơn Anh/Chị.' };
    expect((await h.call('/api/documents')).status).toBe(401);
    expect((await h.call(`/api/documents/one?path=${path}`)).status).toBe(401);
    expect((await h.call('/api/documents', { method: 'PUT', json: { path, baseVersion: null, value } })).status).toBe(401);
    const forged = await h.call('/api/documents', { method: 'PUT', json: { path, baseVersion: null, value }, cookie: h.lan.cookie, csrf: 'gia-mao' });
    expect(forged.status).toBe(403);
    const noToken = await h.call('/api/documents', { method: 'DELETE', json: { path, baseVersion: null }, cookie: h.lan.cookie });
    expect(noToken.status).toBe(403);
    expect(await h.publisher.history()).toEqual([]);
    expect((await h.send('PUT', { path, baseVersion: null, value })).status).toBe(200);
  });

  it('refuses huge and malformed bodies with a clear Vietnamese error and never crashes', async () => {
    const h = await documentsHarness();
    const path = 'data/topics/hoi_thoai.cam_on.yaml';
    const put = (body: string, contentType = 'application/json') =>
      h.call('/api/documents', { method: 'PUT', body, contentType, cookie: h.lan.cookie, csrf: h.lan.csrf });
    const error = async (response: Response) => ((await response.json()) as { error: string }).error;

    const huge = await put(JSON.stringify({ path, baseVersion: null, value: { text: 'a'.repeat(MAX_DOCUMENT_BYTES) } }));
    expect(huge.status).toBe(413);
    expect(await error(huge)).toBe('Dữ liệu gửi lên quá lớn.');
    const malformed = await put('{"path": "data/topics/');
    expect(malformed.status).toBe(400);
    expect(await error(malformed)).toBe('Dữ liệu JSON không hợp lệ.');
    expect((await put('path=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    const noValue = await put(JSON.stringify({ path, baseVersion: null }));
    expect(noValue.status).toBe(400);
    expect(await error(noValue)).toBe('Thiếu nội dung cần lưu (value).');
    expect(await error(await put(JSON.stringify({ path, baseVersion: 'mới nhất', value: {} })))).toMatch(/^Thiếu số phiên bản/);
    const unknownPath = await put(JSON.stringify({ path: '../../etc/passwd', baseVersion: null, value: {} }));
    expect(unknownPath.status).toBe(404);
    expect(await error(unknownPath)).toBe('Tệp ../../etc/passwd không sửa được bằng biểu mẫu.');

    const notAnObject = await put(JSON.stringify({ path, baseVersion: null, value: 'chỉ một câu' }));
    expect(notAnObject.status).toBe(422);
    expect(((await notAnObject.json()) as Refused).problems).toEqual([{ file: path, field: '', message: 'cần một nhóm thông tin' }]);
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i++) deep = [deep];
    const nested = await put(JSON.stringify({ path, baseVersion: null, value: { ...yamlValue(path), details: deep } }));
    expect(nested.status).toBe(422);
    const stranger = await put(JSON.stringify({ path, baseVersion: null, value: { ...yamlValue(path), extra: 1 } }));
    expect(((await stranger.json()) as Refused).problems).toEqual([{ file: path, field: 'extra', label: 'extra', message: 'trường này không có trong mẫu nội dung' }]);
    expect(await h.publisher.history()).toEqual([]);
  });
});
