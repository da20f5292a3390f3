import type { Engine } from '../engine/engine.js';
import type { Reply } from '../engine/reply.js';
import type { ContentBundle } from './content-bundle.js';
import type { ContentProblem } from './content-error.js';
import { CHECKED_ASPECTS, type AspectFact, type Procedure, type ProcedureAspect } from './procedure-schema.js';

/**
 * The fact checks ("câu hỏi kiểm tra") live in content, next to the fact they check
 * (`aspects.<aspect>.check` in data/procedures/): code keeps only the rules. Before every
 * publication each question goes through the whole engine, so an edit that routes it elsewhere, a
 * reply that no longer states the fact, or a fact stated without its sources is caught.
 */

/** The phrases of a reply saying a fact is not verified and where to check. */
export const UNKNOWN_MUST_SAY = ['chưa có thông tin đã được kiểm chứng', '1800 1096'] as const;
/** Every reply that states facts ends with its sources and the date they were checked. */
export const SOURCES_LINE = /Nguồn: .+kiểm tra ngày \d{2}\/\d{2}\/\d{4}/;
/** An amount of money, which a reply about an unknown fact must not state. */
export const AMOUNT = /\d{1,3}(\.\d{3})+ đồng/;
/** The figures of a fact's text that its reply must state: amounts of money and durations. */
const FIGURE = /\d{1,3}(?:\.\d{3})+ đồng|\d+ (?:ngày làm việc|giờ)/gu;

/** The figures of a text ("8.000 đồng", "07 ngày làm việc"), each once, in order. */
export function factFigures(text: string): string[] {
  return [...new Set(text.match(FIGURE) ?? [])];
}

/** What the reply to a known fact's check must state: the figures of its text and items, then its `mustSay` phrases. */
export function expectedPhrases(fact: AspectFact): string[] {
  if ('unknown' in fact) return [];
  return [...new Set([...factFigures([fact.text, ...(fact.items ?? [])].join('\n')), ...(fact.check?.mustSay ?? [])])];
}

/** One check to run: where it lives and what it asks. */
export interface FactCheckCase {
  readonly file: string;
  readonly procedure: Procedure;
  readonly aspect: ProcedureAspect;
  readonly fact: AspectFact;
  readonly question: string;
}

/** Every check of the content, in file order. */
export function factChecks(content: ContentBundle): FactCheckCase[] {
  return content.procedures.flatMap((procedure) =>
    CHECKED_ASPECTS.flatMap((aspect) => {
      const fact = procedure.aspects[aspect];
      return fact.check ? [{ file: `data/procedures/${procedure.id}.yaml`, procedure, aspect, fact, question: fact.check.question }] : [];
    }),
  );
}

export const replyText = (replies: readonly Reply[]): string => replies.map((r) => r.text).join('\n');

/** Asks one question in a conversation of its own (`conversation`: one per check, as two checks may ask alike). */
export function askFact(engine: Engine, question: string, conversation = question) {
  return engine.handleTurn({ channel: 'fact-check', conversationId: conversation, userId: 'u', platformMessageId: '1', text: question, receivedAt: new Date() });
}

/**
 * Runs every check through an engine (one with a store of its own: the questions are not citizens'
 * conversations). Each failure names the file and the check's field, and says in plain Vietnamese
 * what to change.
 */
export async function factCheckProblems(engine: Engine, content: ContentBundle): Promise<ContentProblem[]> {
  const titles = new Map(content.intents.map((i) => [i.id, i.title]));
  const aspectTitles = new Map<string, string>(content.aspects.map((a) => [a.aspect, a.title]));
  const problems: ContentProblem[] = [];
  for (const check of factChecks(content)) {
    const { procedure, aspect, fact, question } = check;
    const turn = await askFact(engine, question, `${check.file}#${aspect}`);
    const text = replyText(turn.replies);
    const what = `${aspectTitles.get(aspect) ?? aspect} của thủ tục "${procedure.title}"`;
    const asked = `Câu hỏi kiểm tra "${question}" (${what})`;
    let why: string | undefined;
    if (turn.intent !== procedure.intent) {
      const understood = turn.intent ? `"${titles.get(turn.intent) ?? turn.intent}"` : 'một câu chưa hiểu';
      why = `${asked} được Trợ lý hiểu là ${understood}. Hãy thêm câu này làm câu mẫu của ý định ${procedure.intent}, hoặc viết câu hỏi kiểm tra rõ hơn.`;
    } else if (turn.aspect !== aspect) {
      why = `${asked} được hiểu là hỏi về ${aspectTitles.get(turn.aspect ?? '') ?? 'nội dung chung'}. Hãy viết câu hỏi kiểm tra nhắc rõ đến ${aspectTitles.get(aspect) ?? aspect}.`;
    } else if ('unknown' in fact) {
      if (!UNKNOWN_MUST_SAY.every((s) => text.includes(s)) || AMOUNT.test(text)) {
        why = `${asked}: câu trả lời phải nói chưa có thông tin đã được kiểm chứng và nơi kiểm tra, không nêu số tiền. Hãy kiểm tra câu "Khi thông tin chưa kiểm chứng" trong Câu nói của Trợ lý.`;
      }
    } else {
      const missing = expectedPhrases(fact).filter((phrase) => !text.includes(phrase));
      if (missing.length > 0) {
        why = `${asked}: câu trả lời không nêu ${missing.map((m) => `"${m}"`).join(', ')}. Hãy đưa thông tin này lên đầu nội dung, hoặc sửa cụm cần nêu trong câu hỏi kiểm tra.`;
      } else if (!SOURCES_LINE.test(text)) {
        why = `${asked}: câu trả lời thiếu dòng nguồn và ngày kiểm tra. Hãy ghi nguồn cho thông tin này.`;
      }
    }
    if (why) problems.push({ file: check.file, field: `aspects.${aspect}.check`, message: why });
  }
  return problems;
}
