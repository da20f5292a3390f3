import type { FeatureBag } from '../../nlu/features.js';
import { OUT_OF_SCOPE } from '../../nlu/decision.js';
import type { Analysis } from '../../nlu/nlu.js';
import { isReferral } from '../../nlu/referral.js';
import { withContextPrior } from '../context-prior.js';
import type { DialogContext } from './dialog-context.js';

/**
 * How much more likely, a priori, a message is about the procedure under discussion than about any
 * one other intent (≈ an even chance of staying on topic among ~50 intents). A feature, not a rule.
 */
const CONTEXT_PRIOR_FACTOR = 50;

/** Former hand rules, kept as evidence the model weighs: "còn … thì sao", yes/no checks. */
const SWITCH_CUE = /^(con|the con|vay con)\b|\bthi sao\s*\??$/;
const CHECK_CUE = /\b(dung khong|phai khong|duoc khong|dung ko|phai ko|duoc ko|dc ko|chu|nhi|a)\s*$/;

/** Opening and closing words that mark a follow-up or a switch ("còn …", "… thì sao", "… đúng không"). */
const EDGE_WORDS = new Set(['con', 'the', 'vay', 'neu', 'truong', 'sao', 'khong', 'ko', 'chu', 'nhi', 'a', 'ha', 'nhe', 'nao', 'gi', 'ai', 'dau']);

/** A message with this many topic words (neither aspect cues nor filler) names a topic of its own. */
const OWN_TOPIC_WORDS = 4;

export type IntentKind = 'procedure' | 'topic' | 'chat' | 'referral' | 'oos';

export function intentKind(intent: string, isProcedure: (intent: string) => boolean): IntentKind {
  if (intent === OUT_OF_SCOPE) return 'oos';
  if (isReferral(intent)) return 'referral';
  if (intent.startsWith('hoi_thoai.')) return 'chat';
  return isProcedure(intent) ? 'procedure' : 'topic';
}

const bucket = (x: number, edges: readonly number[]): string => {
  const i = edges.findIndex((e) => x < e);
  return i < 0 ? `${edges.length}` : `${i}`;
};

/**
 * The features of a message in its context: its first and last words, what the NLU made of it relative to the procedure under discussion, its aspect cues and the
 * state of the conversation. Context features are crossed with the main NLU reading so the model
 * can learn, e.g., that a confident other procedure with a topic word is a new question.
 */
export function dialogFeatures(analysis: Analysis, context: DialogContext, isProcedure: (intent: string) => boolean): FeatureBag {
  const bag: FeatureBag = new Map();
  const on = (name: string, value = 1): void => {
    bag.set(name, (bag.get(name) ?? 0) + value);
  };
  const words = analysis.normalized.folded;
  const text = words.join(' ');
  // Only the edges of the message: what a follow-up opens or ends with ("còn …", "… thì sao",
  // "… đúng không"); its middle words are the NLU's business, and as features they would tie topics to acts.
  if (words[0] && EDGE_WORDS.has(words[0])) on(`first:${words[0]}`);
  if (words.length > 0 && EDGE_WORDS.has(words[words.length - 1]!)) on(`last:${words[words.length - 1]}`);

  const top = analysis.ranked[0];
  const current = analysis.ranked.find((r) => r.intent === context.procedure)?.score ?? 0;
  const topKind = top ? (top.intent === context.procedure ? 'current' : intentKind(top.intent, isProcedure)) : 'none';
  const confidence = bucket(top?.score ?? 0, [0.3, 0.6, 0.9, 0.9999]);
  const length = bucket(words.length, [3, 6, 10, 16]);
  const topic = bucket(analysis.topicWords, [1, 2, 4, 7]);
  const hasAspect = analysis.aspect !== 'tong_quan';
  const prior = withContextPrior(analysis.ranked, context.procedure, CONTEXT_PRIOR_FACTOR)[0]?.intent === context.procedure;

  const reading = [`top:${topKind}`, `top:${topKind}:c${confidence}`, `topic:${topic}`, `len:${length}`, `aspect:${hasAspect}`];
  for (const r of reading) on(r);
  on(`top:${topKind}:topic${topic}`);
  on(`top:${topKind}:aspect:${hasAspect}`);
  on(`top:${topKind}:len${length}`);
  on(`current:${bucket(current, [0.001, 0.01, 0.05, 0.3, 0.6])}`);
  // The former rule "a topic of its own and a confident other reading is not a follow-up", as evidence.
  const own = analysis.topicWords >= OWN_TOPIC_WORDS;
  if (topKind !== 'current') on(`own-topic:${own}:${topKind}:c${confidence}`);
  on(`prior:${prior}`);
  on(`prior:${prior}:topic${topic}`);
  on(`decision:${analysis.decision.kind}`);
  if (hasAspect && analysis.aspect === context.aspect) on('aspect:same');
  if (SWITCH_CUE.test(text)) on(`cue:switch:top:${topKind}`);
  if (CHECK_CUE.test(text)) on(`cue:check:top:${topKind}`);
  on(`since:${bucket(context.turnsSince, [2, 3, 5])}`);
  if (context.lastIntent) on(`last:${context.lastIntent === context.procedure ? 'current' : intentKind(context.lastIntent, isProcedure)}`);
  if (context.offeredChoices > 0) on('offered');
  on('bias');
  return bag;
}
