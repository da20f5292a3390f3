import type { AnswerSource } from '../engine/answer-source.js';
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

/**
 * Renders answers from the structured content: a procedure's aspect with its cases, sources and
 * verification date; a topic with its details and related intents; or an intent's short text.
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

  answer(intent: string, aspect: Aspect): Reply[] {
    const procedure = this.procedureOf(intent);
    if (procedure) return aspect === 'tong_quan' ? this.overview(procedure) : this.aspect(procedure, aspect);
    const topic = this.topicOf(intent);
    if (topic) return this.topic(topic);
    const def = this.intents.get(intent);
    return def && 'text' in def.answer ? [textReply(this.fill(def.answer.text))] : [];
  }

  detail(intent: string, index: number): Reply[] {
    const topic = this.topicOf(intent);
    const d = topic?.details?.[index];
    if (!topic || !d) return [];
    return [this.withChoices(`${d.title}\n${this.fill(d.text)}`, this.topicChoices(topic, index))];
  }

  private overview(p: Procedure): Reply[] {
    const lines = [p.title, p.summary.text];
    if (p.cases?.length) lines.push(this.fill(this.messages.procedure_cases, { cases: p.cases.map((c) => c.title).join('; ') }));
    lines.push(this.footer(p.summary.sources, p.verified));
    return [this.withChoices(lines.join('\n'), MAIN_ASPECTS.map((a) => this.aspectChoice(p, a)))];
  }

  private aspect(p: Procedure, aspect: Exclude<Aspect, 'tong_quan'>): Reply[] {
    const fact = p.aspects[aspect];
    const lines = [`${p.title} — ${this.aspectTitle(aspect)}`, this.fact(p, aspect, fact)];
    const cases = (p.cases ?? []).filter((c) => c.aspects[aspect] !== undefined);
    if (cases.length > 0) {
      lines.push(this.messages.case_differences);
      for (const c of cases) lines.push(`• ${c.title}: ${this.fact(p, aspect, c.aspects[aspect]!, true)}`);
    }
    const facts = [fact, ...cases.map((c) => c.aspects[aspect]!)];
    const cited = facts.flatMap((f) => ('sources' in f ? f.sources : []));
    // An unknown fact already says where to check; the footer then only names the sources.
    if (cited.length > 0) lines.push(this.footer(cited, p.verified, facts.some((f) => 'unknown' in f)));
    const next = MAIN_ASPECTS.filter((a) => a !== aspect).map((a) => this.aspectChoice(p, a));
    return [this.withChoices(lines.join('\n'), next)];
  }

  private fact(p: Procedure, aspect: ProcedureAspect, fact: AspectFact, inline = false): string {
    if ('unknown' in fact) {
      return this.fill(this.messages.unknown_fact, {
        aspect: this.aspectTitle(aspect).toLowerCase(),
        procedure: p.title.charAt(0).toLowerCase() + p.title.slice(1),
        note: fact.note ? ` (${fact.note})` : '',
      });
    }
    if (!fact.items?.length) return fact.text;
    return inline ? `${fact.text} ${fact.items.join('; ')}` : [fact.text, ...fact.items.map((i) => `• ${i}`)].join('\n');
  }

  private topic(t: Topic): Reply[] {
    const lines = [this.fill(t.text)];
    if (t.sources.length > 0) lines.push(this.footer(t.sources, t.verified));
    return [this.withChoices(lines.join('\n'), this.topicChoices(t))];
  }

  private topicChoices(t: Topic, except?: number): Choice[] {
    const details = (t.details ?? [])
      .map((d, index) => ({ title: d.title, payload: encodePayload({ kind: 'detail', intent: t.intent, index }) }))
      .filter((_, i) => i !== except);
    const related = (t.related ?? []).map((r) => ({ title: this.title(r), payload: encodePayload({ kind: 'intent', intent: r }) }));
    return [...details, ...related];
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

  private withChoices(text: string, choices: readonly Choice[]): Reply {
    return choicesReply(text, choices.slice(0, MAX_CHOICES));
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

/** "Nghị định 120/2025/NĐ-CP về …" → "Nghị định 120/2025/NĐ-CP": footers name documents briefly. */
function shortTitle(title: string): string {
  const legal = /^(Luật [^\d]*?\s*(số\s+)?\d+\/\d{4}\/QH\d+|(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+(số\s+)?[\p{L}\p{N}./-]+)/u.exec(title);
  if (legal) return legal[0];
  const head = title.split(/ — | \(|: /)[0]!;
  return head.length > 60 ? head.slice(0, head.lastIndexOf(' ', 60)) + '…' : head;
}
