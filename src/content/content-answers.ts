import type { AnswerPart, AnswerSource, AnswerView } from '../engine/answer-source.js';
import type { BotMessages } from '../engine/engine.js';
import { fillTemplate } from '../engine/message-templates.js';
import { encodePayload } from '../engine/payload.js';
import { choicesReply, textReply, type Choice, type Reply } from '../engine/reply.js';
import type { ContentBundle } from './content-bundle.js';
import type { IntentDefinition } from './intent-schema.js';
import type { Aspect } from './nlu-data-schema.js';
import type { AspectFact, Procedure, ProcedureAspect } from './procedure-schema.js';
import type { Topic } from './topic-schema.js';

/** The aspects offered as next choices after a procedure answer (the ones citizens ask most). */
const MAIN_ASPECTS: readonly ProcedureAspect[] = ['ho_so', 'le_phi', 'thoi_gian', 'noi_nop', 'truc_tuyen'];
const MAX_CHOICES = 5;
/** A first message fits a phone screen; the rest is behind a "full text" choice. */
const FIRST_MESSAGE_BUDGET = 560;

/**
 * Renders answers from the structured content: a procedure's aspect with its cases, sources and
 * verification date; a topic with its details and related intents; or an intent's short text.
 * First messages stay short: long lists are cut with a "Xem đầy đủ" choice, cases sit behind choices.
 */
export class ContentAnswerSource implements AnswerSource {
  private readonly intents: ReadonlyMap<string, IntentDefinition>;
  private readonly procedures: ReadonlyMap<string, Procedure>;
  private readonly topics: ReadonlyMap<string, Topic>;
  private readonly aspectTitles: ReadonlyMap<string, string>;

  constructor(
    private readonly content: ContentBundle,
    private readonly messages: BotMessages,
    private readonly placeholders: Readonly<Record<string, string>>,
  ) {
    this.intents = new Map(content.intents.map((i) => [i.id, i]));
    this.procedures = new Map(content.procedures.map((p) => [p.id, p]));
    this.topics = new Map(content.topics.map((t) => [t.intent, t]));
    this.aspectTitles = new Map(content.aspects.map((a) => [a.aspect, a.title]));
  }

  title(intent: string): string {
    return this.intents.get(intent)?.title ?? intent;
  }

  /** Procedure intents (the catalog's thu_tuc.*) are the ones asked about by aspect. */
  isProcedure(intent: string): boolean {
    return intent.startsWith('thu_tuc.');
  }

  answer(intent: string, aspect: Aspect, view?: AnswerView): Reply[] {
    const procedure = this.procedureOf(intent);
    if (procedure) {
      if (aspect === 'tong_quan') return view ? [] : this.overview(procedure);
      if (view?.kind === 'detail') return [];
      return this.aspect(procedure, aspect, view);
    }
    const topic = this.topicOf(intent);
    if (topic) return this.topic(topic, view);
    const def = this.intents.get(intent);
    return def && 'text' in def.answer && !view ? [textReply(this.fill(def.answer.text))] : [];
  }

  parts(intent: string, aspect: Aspect): readonly AnswerPart[] {
    const procedure = this.procedureOf(intent);
    if (procedure) {
      if (aspect === 'tong_quan') return [];
      return (procedure.cases ?? []).flatMap((c, index) => (c.aspects[aspect] ? [{ key: `c${index}`, title: c.title }] : []));
    }
    return (this.topicOf(intent)?.details ?? []).map((d, index) => ({ key: `d${index}`, title: d.title }));
  }

  private overview(p: Procedure): Reply[] {
    const body = [p.title, p.summary.text];
    if (p.cases?.length) body.push(this.fill(this.messages.procedure_cases, { cases: p.cases.map((c) => c.title).join('; ') }));
    return [this.compose(body, this.footer(p.summary.sources, p.verified), MAIN_ASPECTS.map((a) => this.aspectChoice(p, a)))];
  }

  private aspect(p: Procedure, aspect: Exclude<Aspect, 'tong_quan'>, view?: AnswerView): Reply[] {
    const heading = `${p.title} — ${this.aspectTitle(aspect)}`;
    const next = MAIN_ASPECTS.filter((a) => a !== aspect).map((a) => this.aspectChoice(p, a));
    if (view?.kind === 'case') {
      const c = p.cases?.[view.index];
      const fact = c?.aspects[aspect];
      if (!c || !fact) return [];
      return [this.compose([`${heading} — ${c.title}`, ...this.factLines(p, aspect, fact)], this.factFooter(p, [fact]), next, true)];
    }
    const fact = p.aspects[aspect];
    const cases = (p.cases ?? []).map((c, index) => ({ c, index })).filter(({ c }) => c.aspects[aspect] !== undefined);
    const body = [heading, ...this.factLines(p, aspect, fact)];
    if (cases.length > 0) body.push(this.messages.case_differences, ...cases.map(({ c }) => `• ${c.title}`));
    const caseChoices = cases.map(({ c, index }) => ({
      title: c.title,
      payload: encodePayload({ kind: 'view', intent: p.intent, aspect, view: { kind: 'case', index } }),
    }));
    const full = encodePayload({ kind: 'view', intent: p.intent, aspect, view: { kind: 'full' } });
    const footer = this.factFooter(p, [fact, ...cases.map(({ c }) => c.aspects[aspect]!)]);
    return [this.compose(body, footer, [...caseChoices, ...next], view?.kind === 'full', full)];
  }

  private factLines(p: Procedure, aspect: ProcedureAspect, fact: AspectFact): string[] {
    if ('unknown' in fact) {
      return [
        this.fill(this.messages.unknown_fact, {
          aspect: this.aspectTitle(aspect).toLowerCase(),
          procedure: p.title.charAt(0).toLowerCase() + p.title.slice(1),
          note: fact.note ? ` (${fact.note})` : '',
        }),
      ];
    }
    return [fact.text, ...(fact.items ?? []).map((i) => `• ${i}`)];
  }

  /** Sources of the facts shown; an unknown fact already says where to check, so the footer is short. */
  private factFooter(p: Procedure, facts: readonly AspectFact[]): string | undefined {
    const cited = facts.flatMap((f) => ('sources' in f ? f.sources : []));
    if (cited.length === 0) return undefined;
    return this.footer(cited, p.verified, facts.some((f) => 'unknown' in f));
  }

  private topic(t: Topic, view?: AnswerView): Reply[] {
    const footer = t.sources.length > 0 ? this.footer(t.sources, t.verified) : undefined;
    if (view?.kind === 'detail') {
      const d = t.details?.[view.index];
      return d ? [this.compose([d.title, this.fill(d.text)], footer, this.topicChoices(t, view.index), true)] : [];
    }
    if (view?.kind === 'case') return [];
    const full = encodePayload({ kind: 'view', intent: t.intent, aspect: 'tong_quan', view: { kind: 'full' } });
    return [this.compose([this.fill(t.text)], footer, this.topicChoices(t), view?.kind === 'full', full)];
  }

  private topicChoices(t: Topic, except?: number): Choice[] {
    const details = (t.details ?? [])
      .map((d, index) => ({ title: d.title, payload: encodePayload({ kind: 'view', intent: t.intent, aspect: 'tong_quan', view: { kind: 'detail', index } }) }))
      .filter((_, i) => i !== except);
    const related = (t.related ?? []).map((r) => ({ title: this.title(r), payload: encodePayload({ kind: 'intent', intent: r }) }));
    return [...details, ...related];
  }

  /**
   * Body lines, then the footer. Unless `whole`, a body over the budget is cut at a line (or sentence)
   * boundary and the first choice becomes "Xem đầy đủ" (`fullPayload`).
   */
  private compose(body: readonly string[], footer: string | undefined, choices: readonly Choice[], whole = false, fullPayload?: string): Reply {
    const text = body.join('\n');
    if (whole || !fullPayload || text.length <= FIRST_MESSAGE_BUDGET) {
      return choicesReply([text, footer].filter(Boolean).join('\n'), choices.slice(0, MAX_CHOICES));
    }
    const cut = cutAt(text, FIRST_MESSAGE_BUDGET);
    const more = { title: this.messages.more_details, payload: fullPayload };
    return choicesReply([`${cut} …`, footer].filter(Boolean).join('\n'), [more, ...choices].slice(0, MAX_CHOICES));
  }

  private footer(sourceIds: readonly string[], verified: string | undefined, short = false): string {
    const names = [...new Set(sourceIds)].map((id) => shortTitle(this.content.sources[id]?.title ?? id));
    const [y, m, d] = (verified ?? '').split('-');
    return this.fill(short ? this.messages.source_footer_short : this.messages.source_footer, {
      sources: names.slice(0, 2).join('; ') + (names.length > 2 ? '…' : ''),
      date: verified ? `${d}/${m}/${y}` : '',
    });
  }

  private aspectChoice(p: Procedure, aspect: ProcedureAspect): Choice {
    return { title: this.aspectTitle(aspect), payload: encodePayload({ kind: 'intent', intent: p.intent, aspect }) };
  }

  private aspectTitle(aspect: string): string {
    return this.aspectTitles.get(aspect) ?? aspect;
  }

  private procedureOf(intent: string): Procedure | undefined {
    const a = this.intents.get(intent)?.answer;
    return a && 'procedure' in a ? this.procedures.get(a.procedure) : undefined;
  }

  private topicOf(intent: string): Topic | undefined {
    const a = this.intents.get(intent)?.answer;
    return a && 'topic' in a ? this.topics.get(a.topic) : undefined;
  }

  private fill(template: string, values: Readonly<Record<string, string>> = {}): string {
    return fillTemplate(template, { ...this.placeholders, ...values });
  }
}

/** The longest prefix within `max` characters ending at a line break, else a sentence end, else a space. */
function cutAt(text: string, max: number): string {
  const head = text.slice(0, max);
  for (const boundary of ['\n', '. ', ' ']) {
    const at = head.lastIndexOf(boundary);
    if (at > max / 3) return head.slice(0, at + (boundary === '. ' ? 1 : 0)).trimEnd();
  }
  return head;
}

/** "Nghị định 120/2025/NĐ-CP về …" → "Nghị định 120/2025/NĐ-CP": footers name documents briefly. */
function shortTitle(title: string): string {
  const legal = /^(Luật [^\d]*?\s*(số\s+)?\d+\/\d{4}\/QH\d+|(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+(số\s+)?[\p{L}\p{N}./-]+)/u.exec(title);
  if (legal) return legal[0];
  const head = title.split(/ — | \(|: /)[0]!;
  return head.length > 60 ? head.slice(0, head.lastIndexOf(' ', 60)) + '…' : head;
}
