import { OUT_OF_SCOPE } from '../nlu/decision.js';
import { scoredIntent } from '../nlu/referral.js';
import type { Engine, TurnResult } from '../engine/engine.js';

export interface LabelledTurn {
  readonly text: string;
  readonly intent: string;
  readonly aspect?: string;
  readonly style?: string;
  /** Patterns the reply must match (case-insensitive, NFC): the answer-level check. */
  readonly must?: readonly string[];
}
export type EvalItem = { readonly kind: 'message'; readonly line: number; readonly turn: LabelledTurn } | {
  readonly kind: 'dialog';
  readonly line: number;
  readonly id: string;
  readonly turns: readonly LabelledTurn[];
};

export interface ScoredTurn {
  readonly line: number;
  readonly dialog?: string;
  readonly turn: LabelledTurn;
  readonly predicted: string;
  readonly predictedAspect?: string;
  readonly outcome: TurnResult['outcome'];
  readonly suggested: readonly string[];
  readonly top1: string;
  readonly intentRight: boolean;
  readonly aspectRight?: boolean;
  /** What the citizen reads without tapping: the text of every reply of the turn (no button titles). */
  readonly replyText: string;
  /** Only for a turn with `must`: right intent and every pattern found in `replyText`. */
  readonly answerRight?: boolean;
  /** The `must` patterns the reply did not match. */
  readonly missing?: readonly string[];
  readonly micros: number;
}

export interface EvalReport {
  kind: 'messages' | 'dialogs';
  total: number;
  overallAccuracy: number;
  intentAccuracy: number;
  inScope: { n: number; accuracy: number; top1: number; suggestedRight: number };
  oos: { n: number; precision: number; recall: number };
  byStyle?: Record<string, { n: number; accuracy: number }>;
  aspect: { n: number; accuracy: number };
  dialogs?: { n: number; allTurnsRight: number };
  /** Turns with `must`: share whose reply states every required fact (and whose intent is right). */
  answers: { n: number; accuracy: number };
  latencyUs: { p50: number; p99: number };
}

/** Parses a JSONL evaluation file of either format; a bad line is an error naming its line. */
export function parseEvalFile(source: string, file: string): EvalItem[] {
  const items: EvalItem[] = [];
  source.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error(`${file}:${line}: không phải JSON hợp lệ`);
    }
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.turns)) {
      items.push({ kind: 'dialog', line, id: String(o.id ?? line), turns: o.turns.map((t, j) => asTurn(t, `${file}:${line} turns[${j}]`)) });
    } else {
      items.push({ kind: 'message', line, turn: asTurn(o, `${file}:${line}`) });
    }
  });
  return items;
}

function asTurn(v: unknown, where: string): LabelledTurn {
  const o = v as Record<string, unknown> | null;
  if (!o || typeof o.text !== 'string' || typeof o.intent !== 'string') throw new Error(`${where}: cần các trường "text" và "intent"`);
  return {
    text: o.text,
    intent: o.intent,
    ...(typeof o.aspect === 'string' ? { aspect: o.aspect } : {}),
    ...(typeof o.style === 'string' ? { style: o.style } : {}),
    ...(o.must !== undefined ? { must: asPatterns(o.must, where) } : {}),
  };
}

function asPatterns(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((p) => typeof p !== 'string')) throw new Error(`${where}: "must" phải là một mảng biểu thức chính quy`);
  for (const p of v as string[]) {
    try {
      new RegExp(p, 'iu');
    } catch {
      throw new Error(`${where}: biểu thức "must" không hợp lệ: ${p}`);
    }
  }
  return v as string[];
}

/** The `must` patterns that `text` does not match, both sides in NFC, ignoring case. */
export function missingPatterns(must: readonly string[], text: string): string[] {
  const nfc = text.normalize('NFC');
  return must.filter((p) => !new RegExp(p.normalize('NFC'), 'iu').test(nfc));
}

/** Sends every line (or every dialog's turns, in order, in one conversation) through the engine. */
export async function runEvaluation(engine: Engine, items: readonly EvalItem[]): Promise<ScoredTurn[]> {
  const scored: ScoredTurn[] = [];
  let n = 0;
  const send = async (conversationId: string, turn: LabelledTurn, line: number, dialog?: string): Promise<void> => {
    const started = process.hrtime.bigint();
    const result = await engine.handleTurn({
      channel: 'eval',
      conversationId,
      userId: conversationId,
      platformMessageId: String(++n),
      text: turn.text,
      receivedAt: new Date(),
    });
    const micros = Number(process.hrtime.bigint() - started) / 1000;
    const answered = result.outcome === 'answered' || result.outcome === 'handover';
    const predicted = answered && result.intent ? scoredIntent(result.intent) : OUT_OF_SCOPE;
    const predictedAspect = result.aspect ?? result.analysis?.aspect;
    const decision = result.analysis?.decision;
    const replyText = result.replies.map((r) => r.text).join('\n');
    const intentRight = predicted === turn.intent;
    const missing = turn.must ? missingPatterns(turn.must, replyText) : [];
    scored.push({
      line,
      ...(dialog ? { dialog } : {}),
      turn,
      predicted,
      ...(predictedAspect ? { predictedAspect } : {}),
      outcome: result.outcome,
      suggested: result.outcome === 'clarified' && decision?.kind === 'clarify' ? decision.options : [],
      top1: result.analysis?.ranked[0]?.intent ?? predicted,
      intentRight,
      ...(turn.aspect ? { aspectRight: predictedAspect === turn.aspect } : {}),
      replyText,
      ...(turn.must ? { answerRight: intentRight && missing.length === 0, missing } : {}),
      micros,
    });
  };
  for (const item of items) {
    if (item.kind === 'message') await send(`m${item.line}`, item.turn, item.line);
    else for (const t of item.turns) await send(`d${item.line}`, t, item.line, item.id);
  }
  return scored;
}

export function summarize(scored: readonly ScoredTurn[], kind: EvalReport['kind']): EvalReport {
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : round(a / b));
  const turnRight = (s: ScoredTurn): boolean => s.intentRight && s.aspectRight !== false;
  const inScope = scored.filter((s) => s.turn.intent !== OUT_OF_SCOPE);
  const oos = scored.filter((s) => s.turn.intent === OUT_OF_SCOPE);
  const predictedOos = scored.filter((s) => s.predicted === OUT_OF_SCOPE);
  const withAspect = scored.filter((s) => s.aspectRight !== undefined);
  const withMust = scored.filter((s) => s.answerRight !== undefined);
  const micros = scored.map((s) => s.micros).sort((a, b) => a - b);
  const report: EvalReport = {
    kind,
    total: scored.length,
    overallAccuracy: ratio(scored.filter(kind === 'dialogs' ? turnRight : (s) => s.intentRight).length, scored.length),
    intentAccuracy: ratio(scored.filter((s) => s.intentRight).length, scored.length),
    inScope: {
      n: inScope.length,
      accuracy: ratio(inScope.filter((s) => s.intentRight).length, inScope.length),
      top1: ratio(inScope.filter((s) => s.top1 === s.turn.intent).length, inScope.length),
      suggestedRight: ratio(inScope.filter((s) => s.suggested.includes(s.turn.intent)).length, inScope.length),
    },
    oos: {
      n: oos.length,
      precision: ratio(predictedOos.filter((s) => s.turn.intent === OUT_OF_SCOPE).length, predictedOos.length),
      recall: ratio(oos.filter((s) => s.intentRight).length, oos.length),
    },
    aspect: { n: withAspect.length, accuracy: ratio(withAspect.filter((s) => s.aspectRight).length, withAspect.length) },
    answers: { n: withMust.length, accuracy: ratio(withMust.filter((s) => s.answerRight).length, withMust.length) },
    latencyUs: { p50: round(percentile(micros, 0.5)), p99: round(percentile(micros, 0.99)) },
  };
  const styles = [...new Set(scored.map((s) => s.turn.style).filter((s): s is string => s !== undefined))].sort();
  if (styles.length > 0) {
    report.byStyle = Object.fromEntries(
      styles.map((style) => {
        const rows = scored.filter((s) => s.turn.style === style);
        return [style, { n: rows.length, accuracy: ratio(rows.filter((s) => s.intentRight).length, rows.length) }];
      }),
    );
  }
  if (kind === 'dialogs') {
    const ids = [...new Set(scored.map((s) => s.dialog))];
    const allRight = ids.filter((id) => scored.filter((s) => s.dialog === id).every(turnRight));
    report.dialogs = { n: ids.length, allTurnsRight: ratio(allRight.length, ids.length) };
  }
  return report;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
