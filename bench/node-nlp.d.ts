/** The part of NLP.js 4 (`node-nlp`, dev dependency) the latency baseline uses. */
declare module 'node-nlp' {
  export class NlpManager {
    constructor(settings: Record<string, unknown>);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
  }
}
