// The intents of the newest content version (id and title), for the screens that pick one.
import { api, can, onDraftChanged } from './api.js';

let intents = [];

export const knownIntents = () => intents;

export async function loadIntents() {
  if (!can('draft.edit')) return;
  intents = (await api('/content/intents').catch(() => ({ intents: [] }))).intents;
}

onDraftChanged(() => loadIntents());
