import { decodePayload } from '../../engine/payload.js';
import { maskPersonalData } from '../../logging/mask-personal-data.js';
import type { HandledTurn } from '../../server/inbound-worker.js';
import { foldQuestion } from './fold-question.js';
import type { TurnLog } from './turn-log.js';

/** How many of the NLU's best intents a logged turn keeps (the review suggests from them). */
const TOP_INTENTS_KEPT = 3;

/**
 * Writes each completed turn to the turn log, the citizen's text masked. A rating sets the rating
 * of the conversation's latest answered turn (the answer rated, unless an older one was rated).
 * A redelivered message ("duplicate") was logged when first handled and is not logged again.
 */
export function turnRecorder(turnLog: TurnLog): (turn: HandledTurn) => Promise<void> {
  return async ({ item, result, latencyMs }) => {
    if (result.outcome === 'duplicate') return;
    const conversationKey = `${item.channel}:${item.conversationId}`;
    const text = item.payload === undefined && item.text !== undefined ? maskPersonalData(item.text) : undefined;
    await turnLog.record({
      at: item.receivedAt,
      channel: item.channel,
      conversationKey,
      ...(text === undefined ? {} : { text, folded: foldQuestion(text) }),
      outcome: result.outcome,
      ...(result.intent ? { intent: result.intent } : {}),
      ...(result.aspect ? { aspect: result.aspect } : {}),
      topIntents: (result.analysis?.ranked ?? []).slice(0, TOP_INTENTS_KEPT),
      latencyMs,
    });
    const payload = item.payload === undefined ? undefined : decodePayload(item.payload);
    if (result.outcome === 'rated' && payload?.kind === 'rate') await turnLog.rateLatestAnswer(conversationKey, item.receivedAt, payload.helpful);
  };
}
