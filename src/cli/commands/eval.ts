import { readFileSync } from 'node:fs';
import { createBot } from '../../bot.js';
import { parseEvalFile, runEvaluation, summarize, type EvalReport, type ScoredTurn } from '../evaluation.js';
import type { CliIo } from '../run-cli.js';

export async function evalCommand(args: string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    io.err.write('Cách dùng: npm run -s cli -- eval FILE [--json]\n');
    return 2;
  }
  const items = parseEvalFile(readFileSync(file, 'utf8'), file);
  const { engine } = createBot();
  const scored = await runEvaluation(engine, items);
  const report = summarize(scored, items.some((i) => i.kind === 'dialog') ? 'dialogs' : 'messages');
  if (json) io.out.write(JSON.stringify(report) + '\n');
  else io.out.write(formatReport(report, scored));
  return 0;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function formatReport(r: EvalReport, scored: readonly ScoredTurn[]): string {
  const lines: string[] = [];
  const wrong = scored.filter((s) => !s.intentRight || s.aspectRight === false);
  const pairs = new Map<string, number>();
  for (const s of scored.filter((s) => !s.intentRight)) {
    const k = `${s.turn.intent} → ${s.predicted}`;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  lines.push('Câu sai:');
  for (const s of wrong) {
    const aspect = s.aspectRight === false ? ` [khía cạnh ${s.turn.aspect} → ${s.predictedAspect}]` : '';
    lines.push(`  dòng ${s.line}${s.dialog ? ` (${s.dialog})` : ''}: "${s.turn.text}" — ${s.turn.intent} → ${s.predicted} (${s.outcome})${aspect}`);
  }
  const unanswered = scored.filter((s) => s.answerRight === false);
  if (unanswered.length > 0) {
    lines.push('', 'Câu trả lời thiếu ý phải có:');
    for (const s of unanswered) {
      const why = s.intentRight ? `thiếu ${s.missing?.map((p) => `/${p}/`).join(', ')}` : `ý định ${s.turn.intent} → ${s.predicted}`;
      lines.push(`  dòng ${s.line}${s.dialog ? ` (${s.dialog})` : ''}: "${s.turn.text}" — ${why}`);
    }
  }
  lines.push('', 'Cặp nhầm lẫn:');
  for (const [k, n] of [...pairs].sort((a, b) => b[1] - a[1])) lines.push(`  ${n} × ${k}`);
  lines.push('', `Loại: ${r.kind}, ${r.total} lượt`);
  if (r.byStyle) for (const [style, v] of Object.entries(r.byStyle)) lines.push(`Kiểu "${style}": ${pct(v.accuracy)} (${v.n})`);
  if (r.dialogs) lines.push(`Hội thoại đúng mọi lượt: ${pct(r.dialogs.allTurnsRight)} (${r.dialogs.n})`);
  lines.push(`Khía cạnh: ${pct(r.aspect.accuracy)} (${r.aspect.n})`);
  if (r.answers.n > 0) lines.push(`Câu trả lời nêu đúng ý: ${pct(r.answers.accuracy)} (${r.answers.n})`);
  lines.push(`Độ trễ: p50 ${r.latencyUs.p50} µs, p99 ${r.latencyUs.p99} µs`);
  lines.push(`Trong phạm vi: ${pct(r.inScope.accuracy)} (top-1 ${pct(r.inScope.top1)}, gợi ý đúng ${pct(r.inScope.suggestedRight)}, n=${r.inScope.n})`);
  lines.push(`Ngoài phạm vi: recall ${pct(r.oos.recall)}, precision ${pct(r.oos.precision)} (n=${r.oos.n})`);
  lines.push(`Độ chính xác chung: ${pct(r.overallAccuracy)}`);
  return lines.join('\n') + '\n';
}
