import type { Aspect } from '../content/nlu-data-schema.js';
import { foldDiacritics } from '../nlu/normalize/fold.js';
import { OUT_OF_SCOPE, type Decision } from '../nlu/decision.js';
import { withContextPrior } from './context-prior.js';
import type { Analysis, Nlu } from '../nlu/nlu.js';
import type { AnswerSource } from './answer-source.js';
import { EMPTY_STATE, type ConversationState, type ConversationStateStore } from './conversation-state.js';
import type { IncomingMessage } from './incoming-message.js';
import { fillTemplate } from './message-templates.js';
import { decodePayload, encodePayload } from './payload.js';
import { choicesReply, textReply, type Choice, type Reply } from './reply.js';
import { KeyedQueue } from './keyed-queue.js';

export type BotMessages = Readonly<Record<MessageKey, string>>;
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
  | 'unknown_fact'
  | 'source_footer'
  | 'source_footer_short'
  | 'procedure_cases'
  | 'case_differences'
  | 'more_details';

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

export type TurnOutcome = 'answered' | 'clarified' | 'fallback' | 'handover' | 'reset' | 'invalid';

/** One handled message: the replies and how the engine understood it (for evaluation and logs). */
export interface TurnResult {
  readonly replies: Reply[];
  readonly outcome: TurnOutcome;
  /** The intent answered (only when outcome is "answered" or "handover"). */
  readonly intent?: string;
  readonly aspect?: Aspect;
  readonly analysis?: Analysis;
}

const HANDOVER_INTENT = 'hoi_thoai.gap_can_bo';
const SWITCH_WITH_SAME_ASPECT = /^(con|the con|vay con)\b|\bthi sao\s*\??$/;
/** A message this short is read in the light of the procedure under discussion. */
const FOLLOW_UP_MAX_WORDS = 12;
/**
 * How much more likely, a priori, a short follow-up is about the procedure under discussion than
 * about any one other intent: 50 ≈ an even chance of staying on topic among ~50 intents.
 */
const CONTEXT_PRIOR_FACTOR = 50;

/**
 * The conversational engine: one `handle(message) → Reply[]` for every channel.
 * It imports nothing about channels, HTTP or databases; state comes through `ConversationStateStore`.
 */
export class Engine {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly nlu: Nlu,
    private readonly answers: AnswerSource,
    private readonly messages: BotMessages,
    private readonly states: ConversationStateStore,
    private readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {}

  async handle(message: IncomingMessage): Promise<Reply[]> {
    return (await this.handleTurn(message)).replies;
  }

  /** Turns of one conversation run one at a time, in arrival order. */
  handleTurn(message: IncomingMessage): Promise<TurnResult> {
    const key = `${message.channel}:${message.conversationId}`;
    return this.queue.run(key, async () => {
      const stored = await this.states.load(key);
      const fresh =
        stored && message.receivedAt.getTime() - stored.updatedAt.getTime() <= this.options.contextTtlMs
          ? stored
          : { ...EMPTY_STATE, updatedAt: message.receivedAt };
      const { result, state } = this.turn(message, fresh);
      await this.states.save(key, { ...state, updatedAt: message.receivedAt });
      return result;
    });
  }

  private turn(message: IncomingMessage, state: ConversationState): { result: TurnResult; state: ConversationState } {
    if (message.payload !== undefined) return this.onPayload(message.payload, state);
    const raw = message.text ?? '';
    if (raw.trim().length === 0) return { result: { replies: [this.say('empty')], outcome: 'invalid' }, state };
    const text = raw.length > this.options.maxTextLength ? raw.slice(0, this.options.maxTextLength) : raw;
    const folded = foldDiacritics(text.normalize('NFC').toLowerCase()).replace(/[^\p{L}\p{N}/ ]+/gu, ' ').replace(/\s+/g, ' ').trim();

    if (this.options.resetPhrases.includes(folded)) {
      return { result: { replies: [this.say('reset')], outcome: 'reset' }, state: { ...EMPTY_STATE, updatedAt: state.updatedAt } };
    }
    const picked = this.pickOffered(folded, state);
    if (picked === 'out_of_range') {
      const count = state.offered?.length ?? 0;
      return { result: { replies: [textReply(this.fill(this.messages.choice_out_of_range, { count }))], outcome: 'invalid' }, state };
    }
    if (picked) return this.onPayload(picked.payload, state);

    const analysis = this.nlu.analyze(text);
    const outcome = this.understand(analysis, folded, state);
    const notices: Reply[] = [];
    if (raw.length > this.options.maxTextLength) notices.push(this.say('too_long'));
    const districtNotice = state.districtNoticeShown || !/\bhuyen\b/.test(folded) ? undefined : this.options.districtNotice;
    if (districtNotice) notices.push(textReply(districtNotice));
    const done = this.act(outcome, state);
    return {
      result: { ...done.result, replies: [...notices, ...done.result.replies], analysis },
      state: districtNotice ? { ...done.state, districtNoticeShown: true } : done.state,
    };
  }

  /** Applies conversation context to what the NLU decided. */
  private understand(analysis: Analysis, folded: string, state: ConversationState): Decision & { aspect: Aspect } {
    const { aspect } = analysis;
    let decision = analysis.decision;
    const short = analysis.normalized.folded.length <= FOLLOW_UP_MAX_WORDS;
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
      if (overridable && state.procedure && aspect !== 'tong_quan' && short) {
        return { kind: 'answer', intent: state.procedure, aspect };
      }
      return { ...decision, aspect };
    }
    if (state.procedure && aspect !== 'tong_quan') return { kind: 'answer', intent: state.procedure, aspect };
    return { ...decision, aspect };
  }

  private act(d: Decision & { aspect: Aspect }, state: ConversationState): { result: TurnResult; state: ConversationState } {
    if (d.kind === 'answer' && d.intent === HANDOVER_INTENT) return this.handover('requested', state);
    if (d.kind === 'answer') return this.answer(d.intent, d.aspect, state);
    const failures = state.failures + 1;
    if (failures >= 2) {
      const choices: Choice[] = [{ title: this.messages.offer_officer, payload: encodePayload({ kind: 'officer' }) }];
      return {
        result: { replies: [choicesReply(this.say('fallback_repeated').text, choices)], outcome: 'fallback' },
        state: { ...state, failures, offered: choices },
      };
    }
    if (d.kind === 'clarify') {
      const choices = [
        ...d.options.map((intent) => this.intentChoice(intent, this.answers.isProcedure(intent) ? d.aspect : undefined)),
        { title: this.messages.clarify_none, payload: encodePayload({ kind: 'none' }) },
      ];
      return {
        result: { replies: [choicesReply(this.messages.clarify, choices)], outcome: 'clarified' },
        state: { ...state, failures, offered: choices },
      };
    }
    const choices = d.suggestions.filter((s) => s !== OUT_OF_SCOPE).map((intent) => this.intentChoice(intent));
    const replies =
      choices.length > 0
        ? [this.say('fallback'), choicesReply(this.messages.fallback_suggest, choices)]
        : [this.say('fallback')];
    return { result: { replies, outcome: 'fallback' }, state: { ...state, failures, offered: choices } };
  }

  private answer(intent: string, aspect: Aspect, state: ConversationState): { result: TurnResult; state: ConversationState } {
    const isProcedure = this.answers.isProcedure(intent);
    const replies = this.answers.answer(intent, isProcedure ? aspect : 'tong_quan');
    const last = replies[replies.length - 1];
    const offered = last?.kind === 'choices' ? last.choices : undefined;
    const next: ConversationState = isProcedure
      ? { ...state, procedure: intent, aspect, failures: 0, offered }
      : { ...state, failures: 0, offered };
    return { result: { replies, outcome: 'answered', intent, aspect: isProcedure ? aspect : undefined }, state: next };
  }

  private handover(reason: 'requested' | 'unresolved', state: ConversationState): { result: TurnResult; state: ConversationState } {
    return {
      result: {
        replies: [{ kind: 'handover', text: this.say('handover').text, reason }],
        outcome: 'handover',
        intent: HANDOVER_INTENT,
      },
      state: { ...state, failures: 0, offered: undefined },
    };
  }

  private onPayload(raw: string, state: ConversationState): { result: TurnResult; state: ConversationState } {
    const payload = decodePayload(raw);
    if (!payload) return this.act({ kind: 'fallback', suggestions: [], aspect: 'tong_quan' }, state);
    if (payload.kind === 'officer') return this.handover(state.failures > 0 ? 'unresolved' : 'requested', state);
    if (payload.kind === 'none') return this.act({ kind: 'fallback', suggestions: [], aspect: 'tong_quan' }, state);
    if (payload.kind === 'detail') {
      const replies = this.answers.detail(payload.intent, payload.index);
      if (replies.length === 0) return this.act({ kind: 'fallback', suggestions: [], aspect: 'tong_quan' }, state);
      return { result: { replies, outcome: 'answered', intent: payload.intent }, state: { ...state, failures: 0 } };
    }
    if (!this.nlu.intents.includes(payload.intent)) return this.act({ kind: 'fallback', suggestions: [], aspect: 'tong_quan' }, state);
    if (payload.intent === OUT_OF_SCOPE) return this.act({ kind: 'fallback', suggestions: [], aspect: 'tong_quan' }, state);
    return this.act({ kind: 'answer', intent: payload.intent, aspect: payload.aspect ?? 'tong_quan' }, state);
  }

  /** A number, or (part of) a choice title typed with or without accents. */
  private pickOffered(folded: string, state: ConversationState): Choice | 'out_of_range' | undefined {
    const offered = state.offered;
    if (!offered || offered.length === 0) return undefined;
    const number = /^(\d{1,2})$/.exec(folded);
    if (number) {
      const i = Number(number[1]) - 1;
      return offered[i] ?? 'out_of_range';
    }
    if (folded.length < 3) return undefined;
    const titles = offered.map((c) => foldDiacritics(c.title.toLowerCase()).replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim());
    const exact = titles.findIndex((t) => t === folded);
    if (exact >= 0) return offered[exact];
    const partial = titles.map((t, i) => (t.includes(folded) && folded.length >= 4 ? i : -1)).filter((i) => i >= 0);
    return partial.length === 1 ? offered[partial[0]!] : undefined;
  }

  private intentChoice(intent: string, aspect?: Aspect): Choice {
    const payload = aspect && aspect !== 'tong_quan' ? encodePayload({ kind: 'intent', intent, aspect }) : encodePayload({ kind: 'intent', intent });
    return { title: this.answers.title(intent), payload };
  }

  private say(key: MessageKey): { kind: 'text'; text: string } {
    return { kind: 'text', text: this.fill(this.messages[key], {}) };
  }

  private fill(template: string, values: Readonly<Record<string, string | number>>): string {
    return fillTemplate(template, { ...this.options.placeholders, ...values });
  }
}
