// "Try it": a question against the newest version (draft included), shown as citizens would see it.
import { act, api } from './api.js';
import { $, bars, el } from './page.js';

const DECISIONS = { answer: 'trả lời', clarify: 'hỏi lại (có phải ý Anh/Chị là…)', fallback: 'không hiểu' };

async function tryQuestion(event) {
  event.preventDefault();
  const text = $('try-text').value.trim();
  if (!text) return act('', () => Promise.reject(new Error('Vui lòng nhập câu hỏi cần thử.')), event.submitter);
  await act('Đang thử câu hỏi…', async () => {
    const result = await api('/content/try', { text });
    $('try-version').textContent = result.version === null ? 'nội dung gốc' : String(result.version);
    const d = result.decision;
    $('try-decision').textContent = d ? `${DECISIONS[d.kind] || d.kind}${d.kind === 'answer' ? ' → ' + d.intent : ''}` : result.outcome;
    $('try-aspect').textContent = result.aspect || '—';
    bars($('try-ranked'), result.ranked.map((r) => ({ label: r.intent, value: r.score, shown: r.score.toFixed(3) })), 1);
    const replies = $('try-replies');
    replies.replaceChildren();
    for (const reply of result.replies) {
      const box = el('div', reply.text, 'reply');
      if (reply.choices && reply.choices.length > 0) box.append(el('p', 'Lựa chọn: ' + reply.choices.map((c) => c.title).join(' · ')));
      replies.append(box);
    }
    // A procedure's answer: open its form at the aspect asked about.
    const procedure = d?.kind === 'answer' && d.intent.startsWith('thu_tuc.') ? d.intent.slice('thu_tuc.'.length) : null;
    $('try-edit').hidden = !procedure;
    if (procedure) {
      const aspect = result.aspect && result.aspect !== 'tong_quan' ? `&aspect=${encodeURIComponent(result.aspect)}` : '';
      $('try-edit-link').href = `#editor?path=${encodeURIComponent(`data/procedures/${procedure}.yaml`)}${aspect}`;
    }
    $('try-result').hidden = false;
    return 'Đã có kết quả thử.';
  }, event.submitter);
}

function init() {
  $('try-form').addEventListener('submit', tryQuestion);
}

export const tryScreen = { section: 'try', init };
