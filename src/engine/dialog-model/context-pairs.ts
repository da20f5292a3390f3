import type { DialogAct, FollowUps } from '../../content/follow-ups-schema.js';
import type { IntentDefinition } from '../../content/intent-schema.js';
import { ASPECT_IDS, type Aspect } from '../../content/nlu-data-schema.js';
import { OUT_OF_SCOPE } from '../../nlu/decision.js';
import { foldDiacritics } from '../../nlu/normalize/fold.js';
import { mulberry32 } from '../../nlu/seeded-random.js';
import type { DialogContext } from './dialog-context.js';

/** A message in a context and what the engine should do with it. */
export interface ContextPair {
  readonly text: string;
  readonly context: DialogContext;
  readonly act: DialogAct;
  /** Pairs generated from one phrase share a group, so cross-validation never splits them. */
  readonly group: string;
}

/** How many examples of each intent are paired with a context: enough variety, training in well under a second. */
const EXAMPLES_PER_INTENT = 4;
const EXAMPLES_PER_PROCEDURE_SAME = 4;
const OUT_OF_SCOPE_EXAMPLES = 50;
const CONTEXTS_PER_FOLLOW_UP = 3;
const SEED = 11;

/**
 * Generates the dialog model's training pairs: every follow-up phrasing of data/follow-ups.yaml in
 * the context of several procedures (continue), switch templates filled with other procedures'
 * names (switch), a sample of every intent's own examples — the current procedure's (continue),
 * other intents' (new question), out-of-scope ones (out of scope) — and the team's written dialogs.
 * A third of the phrasings are also given without diacritics, as citizens often type them.
 */
export function contextPairs(intents: readonly IntentDefinition[], followUps: FollowUps, isProcedure: (intent: string) => boolean): ContextPair[] {
  // Seeded: the same content always gives the same pairs.
  const random = mulberry32(SEED);
  const procedures = intents.filter((i) => isProcedure(i.id)).map((i) => i.id);
  const pairs: ContextPair[] = [];
  const aspects = ASPECT_IDS as readonly Aspect[];
  const context = (procedure: string): DialogContext => {
    const r = random();
    return {
      procedure,
      aspect: pick(aspects, random),
      lastIntent: r < 0.8 ? procedure : undefined,
      turnsSince: r < 0.7 ? 1 : r < 0.9 ? 2 : 3,
      offeredChoices: random() < 0.3 ? 3 : 0,
    };
  };
  const add = (text: string, procedure: string, act: DialogAct, group: string): void => {
    pairs.push({ text, context: context(procedure), act, group });
    if (random() < 1 / 3) pairs.push({ text: foldDiacritics(text), context: context(procedure), act, group });
  };
  const other = (than: string): string => {
    for (;;) {
      const p = pick(procedures, random);
      if (p !== than) return p;
    }
  };

  const followUpPhrases = [...followUps.continue.aspect, ...followUps.continue.confirm, ...followUps.continue.case];
  followUpPhrases.forEach((phrase, i) => {
    for (let k = 0; k < CONTEXTS_PER_FOLLOW_UP; k++) add(phrase, pick(procedures, random), 'continue', `f${i}`);
  });

  for (const [procedure, names] of Object.entries(followUps.names)) {
    for (const name of names) {
      const template = pick(followUps.switch, random);
      add(template.replace('{ten}', name), other(procedure), 'switch', `s:${procedure}:${name}`);
      const withAspect = pick(followUps.switch_with_aspect, random).replace('{ten}', name).replace('{hoi}', pick(followUps.continue.aspect, random));
      add(withAspect, other(procedure), 'switch', `sa:${procedure}:${name}`);
      // The procedure's own name with an aspect, while it is under discussion, continues it.
      add(`${name} ${pick(followUps.continue.aspect, random)}`, procedure, 'continue', `n:${procedure}:${name}`);
    }
  }

  for (const intent of intents) {
    if (intent.id === OUT_OF_SCOPE) {
      sample(intent.examples, OUT_OF_SCOPE_EXAMPLES, random).forEach((text, i) => add(text, pick(procedures, random), 'out_of_scope', `o${i}`));
      continue;
    }
    if (isProcedure(intent.id)) {
      sample(intent.examples, EXAMPLES_PER_PROCEDURE_SAME, random).forEach((text, i) => add(text, intent.id, 'continue', `e:${intent.id}:${i}`));
    }
    sample(intent.examples, EXAMPLES_PER_INTENT, random).forEach((text, i) => add(text, other(intent.id), 'new', `x:${intent.id}:${i}`));
  }
  followUps.out_of_scope.forEach((text, i) => add(text, pick(procedures, random), 'out_of_scope', `oo${i}`));

  followUps.dialogs.forEach((turns, d) => {
    let procedure: string | undefined;
    let since = 0;
    let last: string | undefined;
    turns.forEach((turn, t) => {
      since++;
      if (procedure) {
        pairs.push({
          text: turn.text,
          context: { procedure, aspect: 'tong_quan', ...(last ? { lastIntent: last } : {}), turnsSince: since, offeredChoices: 0 },
          act: turn.act,
          group: `d${d}:${t}`,
        });
      }
      last = turn.intent;
      if (isProcedure(turn.intent)) {
        procedure = turn.intent;
        since = 0;
      }
    });
  });
  return pairs;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function sample<T>(items: readonly T[], n: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}
