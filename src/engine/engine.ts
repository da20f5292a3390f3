import type { Aspect } from '../content/nlu-data-schema.js';
import { OUT_OF_SCOPE, type Decision } from '../nlu/decision.js';
import { foldDiacritics } from '../nlu/normalize/fold.js';
import type { Analysis, Nlu } from '../nlu/nlu.js';
import type { AnswerSource } from './answer-source.js';
import { withContextPrior } from './context-prior.js';
import type { ConversationEvent, NewEvent, StoredEvent, TurnOutcome } from './conversation-events.js';
import type { ConversationStore } from './conversation-store.js';
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
  | 'more_details';
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
const SWITCH_WITH_SAME_ASPECT = /^(con|the con|vay con)\b|\bthi sao\s*\??$/;
/** A message this short is read in the light of the procedure under discussion. */
const FOLLOW_UP_MAX_WORDS = 12;
/**
 * How much more likely, a priori, a short follow-up is about the procedure under discussion than
 * about any one other intent: 50 ≈ an even chance of staying on topic among ~50 intents.
 */
const CONTEXT_PRIOR_FACTOR = 50;
/** An aspect follow-up may carry this many syllables of its own ("chi phí tổng cộng tầm bao nhiêu"). */
const FOLLOW_UP_MAX_TOPIC_WORDS = 3;
/**
 * …unless it has a topic word of its own and the classifier is all but certain it is out of scope
 * ("giá vàng hôm nay bao nhiêu" ≈ 1.0). A message of cue and filler words only ("mất mấy hôm") cannot
 * be about another topic, however the classifier scores it: a sharper calibration pushes such
 * topic-less questions towards out of scope too.
 */
const FOLLOW_UP_MAX_OUT_OF_SCOPE = 0.99;
const RANKED_KEPT = 5;

/**
 * The conversational engine: one `handle(message) → Reply[]` for every channel.
 * It imports nothing about channels, HTTP or databases: conversations live behind `ConversationStore`,
 * and the dialog state of each turn is derived from the conversation's stored events.
 */
export class Engine {
  constructor(
    private readonly nlu: Nlu,
    private readonly answers: AnswerSource,
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
    const step = this.act(this.understand(analysis, folded, state), state);
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
    const folded = foldDiacritics(text.normalize('NFC').toLowerCase()).replace(/[^\p{L}\p{N}/ ]+/gu, ' ').replace(/\s+/g, ' ').trim();
    const d = this.understand(this.nlu.analyze(text.slice(0, this.options.maxTextLength)), folded, state);
    return d.kind === 'answer' && this.answers.isProcedure(d.intent) ? { intent: d.intent, aspect: d.aspect } : undefined;
  }

  /** Applies conversation context to what the NLU decided. */
  private understand(analysis: Analysis, folded: string, state: DialogState): Decision & { aspect: Aspect } {
    const { aspect } = analysis;
    let decision = analysis.decision;
    const short = analysis.normalized.folded.length <= FOLLOW_UP_MAX_WORDS;
    // "thế lệ phí bao nhiêu?" names only an aspect; "giá vàng hôm nay bao nhiêu" has a fee word but
    // also its own topic, so the procedure under discussion does not carry over to it.
    const top = analysis.ranked[0];
    const surelyOutOfScope = analysis.topicWords > 0 && top?.intent === OUT_OF_SCOPE && top.score >= FOLLOW_UP_MAX_OUT_OF_SCOPE;
    const aspectOnly = short && analysis.topicWords <= FOLLOW_UP_MAX_TOPIC_WORDS && !surelyOutOfScope;
    if (state.procedure && short && withContextPrior(analysis.ranked, state.procedure, CONTEXT_PRIOR_FACTOR)[0]?.intent === state.procedure) {
      decision = { kind: 'answer', intent: state.procedure };
    }
    if (decision.kind === 'answer') {
      const isProcedure = this.answers.isProcedure(decision.intent);
      // "còn khai tử thì sao?" — another procedure, same aspect as before.
      if (isProcedure && aspect === 'tong_quan' && state.aspect && state.procedure && SWITCH_WITH_SAME_ASPECT.test(folded)) {
        return { ...decision, aspect: state.aspect };
      }
      // "thế lệ phí bao nhiêu?" — an aspect alone continues the current procedure.
      const overridable = !isProcedure && !decision.intent.startsWith('hoi_thoai.');
      if (overridable && state.procedure && aspect !== 'tong_quan' && aspectOnly) {
        return { kind: 'answer', intent: state.procedure, aspect };
      }
      return { ...decision, aspect };
    }
    if (state.procedure && aspectOnly && aspect !== 'tong_quan') return { kind: 'answer', intent: state.procedure, aspect };
    return { ...decision, aspect };
  }

  private act(d: Decision & { aspect: Aspect }, state: DialogState): Step {
    if (d.kind === 'answer' && d.intent === HANDOVER_INTENT) return this.handover('requested');
    if (d.kind === 'answer') return this.answer(d.intent, d.aspect);
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

  private answer(intent: string, aspect: Aspect): Step {
    const isProcedure = this.answers.isProcedure(intent);
    const replies = this.answers.answer(intent, isProcedure ? aspect : 'tong_quan');
    return { result: { replies, outcome: 'answered', intent, ...(isProcedure ? { aspect } : {}) } };
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

