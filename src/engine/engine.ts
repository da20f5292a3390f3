import type { Aspect } from '../content/nlu-data-schema.js';
import { OUT_OF_SCOPE, type Decision } from '../nlu/decision.js';
import { foldDiacritics } from '../nlu/normalize/fold.js';
import type { Analysis, Nlu } from '../nlu/nlu.js';
import { GENERAL_PART } from '../nlu/part-model.js';
import { partView, type AnswerSource } from './answer-source.js';
import type { ConversationEvent, NewEvent, StoredEvent, TurnOutcome } from './conversation-events.js';
import type { ConversationStore } from './conversation-store.js';
import type { DialogContext } from './dialog-model/dialog-context.js';
import type { DialogModel } from './dialog-model/dialog-model.js';
import { reduceDialogState, type DialogState } from './dialog-state.js';
import type { IncomingMessage } from './incoming-message.js';
import { fillTemplate } from './message-templates.js';
import { decodePayload, encodePayload } from './payload.js';
import { choicesReply, textReply, type Choice, type Reply } from './reply.js';

export type { TurnOutcome } from './conversation-events.js';

export type MessageKey =
  | 'empty'
  | 'too_long'
  | 'clarify'
  | 'clarify_none'
  | 'fallback'
  | 'fallback_suggest'
  | 'fallback_repeated'
  | 'offer_officer'
  | 'ask_again'
  | 'handover'
  | 'reset'
  | 'choice_out_of_range'
  | 'error'
  | 'non_text'
  | 'rated'
  | 'unknown_fact'
  | 'source_footer'
  | 'source_footer_short'
  | 'procedure_cases'
  | 'case_differences'
  | 'more_details'
  /** Said once when a sender goes over the rate limit (server, not engine). */
  | 'too_fast';
export type BotMessages = Readonly<Record<MessageKey, string>>;

/** Where the engine writes what it did; implementations mask personal data. */
export interface TurnLogger {
  turn(entry: { conversationKey: string; outcome: TurnOutcome; intent?: string; text?: string; micros: number }): void;
  error(message: string, error: unknown): void;
}

export interface EngineOptions {
  /** Context older than this is forgotten (default 30 minutes). */
  readonly contextTtlMs: number;
  /** Longer texts are cut before analysis. */
  readonly maxTextLength: number;
  /** Phrases (folded) that restart the conversation. */
  readonly resetPhrases: readonly string[];
  /** Values for "{…}" placeholders in messages. */
  readonly placeholders: Readonly<Record<string, string>>;
  /** Told once per conversation when a citizen mentions the abolished district level ("huyện"). */
  readonly districtNotice?: string;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  contextTtlMs: 30 * 60_000,
  maxTextLength: 2000,
  resetPhrases: ['bat dau lai', 'reset', '/reset', 'lam lai tu dau'],
  placeholders: {},
};

/** One handled message: the replies and how the engine understood it (for evaluation and logs). */
export interface TurnResult {
  readonly replies: Reply[];
  readonly outcome: TurnOutcome;
  /** The intent answered (only when outcome is "answered" or "handover"). */
  readonly intent?: string;
  readonly aspect?: Aspect;
  readonly analysis?: Analysis;
}

/** A turn's result plus the events it adds beyond user_said / understood / bot_replied. */
interface Step {
  readonly result: TurnResult;
  readonly extra?: readonly ConversationEvent[];
}

const HANDOVER_INTENT = 'hoi_thoai.gap_can_bo';
const GREETING_INTENT = 'hoi_thoai.chao';
const RANKED_KEPT = 5;
/** Two parts of one answer this close in the second stage's probability: ask which one is meant. */
const PART_CLOSE_MARGIN = 0.1;
const PART_CLOSE_FLOOR = 0.3;
/** Above this the NLU is taken to have read the procedure's own name in the message. */
const RESTATED_PROCEDURE_SCORE = 0.5;
/** A switch goes to an intent the NLU gives at least this probability; below it the NLU's decision stands. */
const SWITCH_TARGET_MIN_SCORE = 0.05;

/**
 * The conversational engine: one `handle(message) → Reply[]` for every channel.
 * It imports nothing about channels, HTTP or databases: conversations live behind `ConversationStore`,
 * and the dialog state of each turn is derived from the conversation's stored events.
 */
export class Engine {
  constructor(
    private readonly nlu: Nlu,
    private readonly answers: AnswerSource,
    private readonly dialog: DialogModel,
    private readonly messages: BotMessages,
    private readonly store: ConversationStore,
    private readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
    private readonly logger?: TurnLogger,
  ) {}

  async handle(message: IncomingMessage): Promise<Reply[]> {
    return (await this.handleTurn(message)).replies;
  }

  /**
   * Handles one message inside a store turn: serialized per conversation, in arrival order, and
   * atomic — if anything fails nothing is written and the citizen gets an apology with the hotline.
   */
  async handleTurn(message: IncomingMessage): Promise<TurnResult> {
    const started = process.hrtime.bigint();
    const conversationKey = `${message.channel}:${message.conversationId}`;
    let result: TurnResult;
    try {
      result = await this.store.withTurn(message, (history) => this.turn(message, history));
    } catch (error) {
      this.logger?.error(`turn failed in ${conversationKey}`, error);
      result = { replies: [this.say('error')], outcome: 'failed' };
    }
    this.logger?.turn({
      conversationKey,
      outcome: result.outcome,
      ...(result.intent ? { intent: result.intent } : {}),
      ...(message.text !== undefined ? { text: message.text } : {}),
      micros: Number(process.hrtime.bigint() - started) / 1000,
    });
    return result;
  }

  private turn(message: IncomingMessage, history: readonly StoredEvent[]): { result: TurnResult; events: NewEvent[] } {
    const previous = repliesTo(message.platformMessageId, history);
    if (previous) return { result: { replies: previous, outcome: 'duplicate' }, events: [] };
    const state = reduceDialogState(history, message.receivedAt, this.options.contextTtlMs, (i) => this.answers.isProcedure(i));
    const said: ConversationEvent = {
      type: 'user_said',
      platformMessageId: message.platformMessageId,
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.payload !== undefined ? { payload: message.payload } : {}),
    };
    const at = message.receivedAt;
    // While an officer holds the conversation the bot only records what the citizen says — and which
    // procedure it is about, so that after the release a follow-up ("thế lệ phí bao nhiêu?") continues it.
    if (state.held) {
      const topic = message.text ? this.heldTopic(message.text, state) : undefined;
      const understood = topic ? [{ at, event: { type: 'understood', outcome: 'held', ...topic, ranked: [] } as const }] : [];
      return { result: { replies: [], outcome: 'held' }, events: [{ at, event: said }, ...understood] };
    }

    const { result, extra = [] } = this.step(message, state);
    const answerSeq = (history[history.length - 1]?.seq ?? 0) + 2; // user_said, then understood
    const replies = result.outcome === 'answered' ? withRating(result.replies, answerSeq) : result.replies;
    const understood: ConversationEvent = {
      type: 'understood',
      outcome: result.outcome,
      ...(result.intent ? { intent: result.intent } : {}),
      ...(result.aspect ? { aspect: result.aspect } : {}),
      ranked: (result.analysis?.ranked ?? []).slice(0, RANKED_KEPT),
    };
    const events: NewEvent[] = [said, understood, ...extra, { type: 'bot_replied', replies } as const].map((event) => ({ at, event }));
    return { result: { ...result, replies }, events };
  }

  private step(message: IncomingMessage, state: DialogState): Step {
    if (message.payload !== undefined) return this.onPayload(message.payload, state);
    const raw = message.text ?? '';
    if (raw.trim().length === 0) return { result: { replies: [this.say('empty')], outcome: 'invalid' } };
    const text = raw.length > this.options.maxTextLength ? raw.slice(0, this.options.maxTextLength) : raw;
    const folded = foldDiacritics(text.normalize('NFC').toLowerCase()).replace(/[^\p{L}\p{N}/ ]+/gu, ' ').replace(/\s+/g, ' ').trim();

    if (this.options.resetPhrases.includes(folded)) {
      return { result: { replies: [this.say('reset')], outcome: 'reset' }, extra: [{ type: 'reset' }] };
    }
    const picked = this.pickOffered(folded, state);
    if (picked === 'out_of_range') {
      const count = state.offered?.length ?? 0;
      return { result: { replies: [textReply(this.fill(this.messages.choice_out_of_range, { count }))], outcome: 'invalid' } };
    }
    if (picked) return this.onPayload(picked.payload, state);

    const analysis = this.nlu.analyze(text);
    const step = this.act(this.understand(analysis, state), state, analysis);
    const notices: Reply[] = [];
    const extra = [...(step.extra ?? [])];
    if (raw.length > this.options.maxTextLength) notices.push(this.say('too_long'));
    const districtNotice = state.districtNoticeShown || !/\bhuyen\b/.test(folded) ? undefined : this.options.districtNotice;
    if (districtNotice) {
      notices.push(textReply(districtNotice));
      extra.push({ type: 'notice_shown', notice: 'district' });
    }
    return { result: { ...step.result, replies: [...notices, ...step.result.replies], analysis }, extra };
  }

  /** The procedure and aspect a message held for an officer is about, if it is about one. */
  private heldTopic(text: string, state: DialogState): { intent: string; aspect: Aspect } | undefined {
    const d = this.understand(this.nlu.analyze(text.slice(0, this.options.maxTextLength)), state);
    return d.kind === 'answer' && this.answers.isProcedure(d.intent) ? { intent: d.intent, aspect: d.aspect } : undefined;
  }

  /**
   * Applies conversation context to what the NLU decided: with a procedure under discussion the
   * dialog model decides whether the message continues it, switches to another procedure keeping
   * the aspect, is a new question (the NLU's decision stands) or is out of scope.
   */
  private understand(analysis: Analysis, state: DialogState): Decision & { aspect: Aspect } {
    const { aspect, decision } = analysis;
    if (!state.procedure) return { ...decision, aspect };
    const context: DialogContext = {
      procedure: state.procedure,
      aspect: state.aspect ?? 'tong_quan',
      ...(state.lastIntent ? { lastIntent: state.lastIntent } : {}),
      turnsSince: state.messagesSinceProcedure + 1,
      offeredChoices: state.offered?.length ?? 0,
    };
    // A message with no aspect of its own asks about the aspect under discussion ("con tôi 15 tuổi thì sao").
    const keptAspect = aspect !== 'tong_quan' ? aspect : context.aspect;
    switch (this.dialog.decide(analysis, context)) {
      case 'continue':
        return { kind: 'answer', intent: state.procedure, aspect: restatesProcedure(analysis, state.procedure) ? aspect : keptAspect };
      case 'switch': {
        const target = decision.kind === 'answer' && decision.intent !== state.procedure ? decision.intent : switchTarget(analysis, state.procedure);
        return target ? { kind: 'answer', intent: target, aspect: keptAspect } : { ...decision, aspect };
      }
      case 'new':
        return { ...decision, aspect };
      case 'out_of_scope':
        return { kind: 'fallback', suggestions: decision.kind === 'fallback' ? decision.suggestions : [], aspect };
    }
  }

  private act(d: Decision & { aspect: Aspect }, state: DialogState, analysis?: Analysis): Step {
    if (d.kind === 'answer' && d.intent === HANDOVER_INTENT) return this.handover('requested');
    if (d.kind === 'answer') return this.answer(d.intent, d.aspect, analysis);
    // A second failure in a row offers an officer instead of looping.
    if (state.failures + 1 >= 2) {
      const choices: Choice[] = [{ title: this.messages.offer_officer, payload: encodePayload({ kind: 'officer' }) }];
      return { result: { replies: [choicesReply(this.say('fallback_repeated').text, choices)], outcome: 'fallback' } };
    }
    if (d.kind === 'clarify') {
      const choices = [
        ...d.options.map((intent) => this.intentChoice(intent, this.answers.isProcedure(intent) ? d.aspect : undefined)),
        { title: this.messages.clarify_none, payload: encodePayload({ kind: 'none' }) },
      ];
      return { result: { replies: [choicesReply(this.messages.clarify, choices)], outcome: 'clarified' } };
    }
    const choices = d.suggestions.filter((s) => s !== OUT_OF_SCOPE).map((intent) => this.intentChoice(intent));
    const replies = choices.length > 0 ? [this.say('fallback'), choicesReply(this.messages.fallback_suggest, choices)] : [this.say('fallback')];
    return { result: { replies, outcome: 'fallback' } };
  }

  /**
   * Answers with the unit the message asks about: the second stage picks the part of the intent's
   * answer (a case stating this aspect, a topic detail) or the general answer; two close parts → "did you mean".
   */
  private answer(intent: string, aspect: Aspect, analysis?: Analysis): Step {
    const isProcedure = this.answers.isProcedure(intent);
    const asked = isProcedure ? aspect : 'tong_quan';
    const parts = analysis ? this.answers.parts(intent, asked) : [];
    const ranked = parts.length > 0 && analysis ? this.nlu.parts(analysis, intent, (key) => parts.some((p) => p.key === key)) : [];
    const [first, second] = ranked;
    const understood = { outcome: 'answered' as const, intent, ...(isProcedure ? { aspect } : {}) };
    // Between two specific parts only: the general answer already names what the parts hold.
    const specific = first?.part !== GENERAL_PART && second?.part !== GENERAL_PART;
    if (first && second && specific && second.score >= PART_CLOSE_FLOOR && first.score - second.score < PART_CLOSE_MARGIN) {
      const choices = [first, second].map((r) => ({
        title: parts.find((p) => p.key === r.part)?.title ?? this.answers.title(intent),
        payload: encodePayload({ kind: 'view', intent, aspect: asked, view: partView(r.part) ?? { kind: 'full' } }),
      }));
      return { result: { replies: [choicesReply(this.messages.clarify, choices)], ...understood } };
    }
    const view = first ? partView(first.part) : undefined;
    const replies = (view && this.answers.answer(intent, asked, view)) || [];
    return { result: { replies: replies.length > 0 ? replies : this.answers.answer(intent, asked), ...understood } };
  }

  private handover(reason: 'requested' | 'unresolved'): Step {
    // The handover intent's own answer (staff-editable) when there is one, else the built-in message.
    const text = this.answers.answer(HANDOVER_INTENT, 'tong_quan')[0]?.text ?? this.say('handover').text;
    return {
      result: { replies: [{ kind: 'handover', text, reason }], outcome: 'handover', intent: HANDOVER_INTENT },
      extra: [{ type: 'handover_opened', reason }],
    };
  }

  private onPayload(raw: string, state: DialogState): Step {
    const payload = decodePayload(raw);
    const unknown = (): Step => this.act({ kind: 'fallback', suggestions: [], aspect: 'tong_quan' }, state);
    if (!payload) return unknown();
    switch (payload.kind) {
      case 'officer':
        return this.handover(state.failures > 0 ? 'unresolved' : 'requested');
      case 'none':
        return unknown();
      case 'follow':
        return this.answer(GREETING_INTENT, 'tong_quan');
      case 'unsupported':
        return { result: { replies: [this.say('non_text')], outcome: 'invalid' } };
      case 'rate': {
        const rated = state.lastAnswer && state.lastAnswer.seq === payload.answerSeq ? state.lastAnswer : undefined;
        const event: ConversationEvent = {
          type: 'rated',
          answerSeq: payload.answerSeq,
          helpful: payload.helpful,
          ...(rated?.question ? { question: rated.question } : {}),
          ...(rated?.intent ? { intent: rated.intent } : {}),
        };
        return { result: { replies: [this.say('rated')], outcome: 'rated' }, extra: [event] };
      }
      case 'view': {
        const replies = this.answers.answer(payload.intent, payload.aspect, payload.view);
        if (replies.length === 0) return unknown();
        const aspect = this.answers.isProcedure(payload.intent) ? { aspect: payload.aspect } : {};
        return { result: { replies, outcome: 'answered', intent: payload.intent, ...aspect } };
      }
      case 'intent':
        if (!this.nlu.intents.includes(payload.intent) || payload.intent === OUT_OF_SCOPE) return unknown();
        return this.act({ kind: 'answer', intent: payload.intent, aspect: payload.aspect ?? 'tong_quan' }, state);
    }
  }

  /** A number, or (part of) a choice title typed with or without accents. */
  private pickOffered(folded: string, state: DialogState): Choice | 'out_of_range' | undefined {
    const offered = state.offered;
    if (!offered || offered.length === 0) return undefined;
    const number = /^(\d{1,2})$/.exec(folded);
    if (number) return offered[Number(number[1]) - 1] ?? 'out_of_range';
    if (folded.length < 3) return undefined;
    const titles = offered.map((c) => foldDiacritics(c.title.toLowerCase()).replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim());
    const exact = titles.findIndex((t) => t === folded);
    if (exact >= 0) return offered[exact];
    const partial = titles.map((t, i) => (t.includes(folded) && folded.length >= 4 ? i : -1)).filter((i) => i >= 0);
    return partial.length === 1 ? offered[partial[0]!] : undefined;
  }

  private intentChoice(intent: string, aspect?: Aspect): Choice {
    const payload =
      aspect && aspect !== 'tong_quan' ? encodePayload({ kind: 'intent', intent, aspect }) : encodePayload({ kind: 'intent', intent });
    return { title: this.answers.title(intent), payload };
  }

  private say(key: MessageKey): { kind: 'text'; text: string } {
    return { kind: 'text', text: this.fill(this.messages[key], {}) };
  }

  private fill(template: string, values: Readonly<Record<string, string | number>>): string {
    return fillTemplate(template, { ...this.options.placeholders, ...values });
  }
}

/** The NLU is fairly sure the message names the procedure itself ("thủ tục khai sinh thế nào"): its own aspect stands. */
function restatesProcedure(analysis: Analysis, procedure: string): boolean {
  const top = analysis.ranked[0];
  return top?.intent === procedure && top.score >= RESTATED_PROCEDURE_SCORE && analysis.topicWords > 0;
}

/** The procedure switched to: the best-ranked one other than the current (a switch names one). */
function switchTarget(analysis: Analysis, current: string): string | undefined {
  return analysis.ranked.find((r) => r.intent !== current && r.intent !== OUT_OF_SCOPE && r.score >= SWITCH_TARGET_MIN_SCORE)?.intent;
}

/**
 * The replies already given to this platform message, if it was handled before: a worker that
 * crashed after the turn was stored but before the inbox item was completed must not answer twice.
 */
function repliesTo(platformMessageId: string, history: readonly StoredEvent[]): Reply[] | undefined {
  const at = history.findIndex((e) => e.event.type === 'user_said' && e.event.platformMessageId === platformMessageId);
  if (at < 0) return undefined;
  for (const e of history.slice(at + 1)) {
    if (e.event.type === 'user_said') break;
    if (e.event.type === 'bot_replied') return [...e.event.replies];
  }
  return [];
}

/** The last reply of an answer carries the 👍/👎 payloads for it. */
function withRating(replies: readonly Reply[], answerSeq: number): Reply[] {
  const last = replies[replies.length - 1];
  if (!last || last.kind === 'handover') return [...replies];
  const rating = {
    helpful: encodePayload({ kind: 'rate', answerSeq, helpful: true }),
    notHelpful: encodePayload({ kind: 'rate', answerSeq, helpful: false }),
  };
  return [...replies.slice(0, -1), { ...last, rating }];
}

