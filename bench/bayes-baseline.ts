import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';

/**
 * The baseline the engine must beat: natural's BayesClassifier on the same examples, with a
 * Unicode-aware tokenizer (natural's default Porter stemmer would shred Vietnamese syllables).
 * It gets NFC and lower case — nothing else of our pipeline.
 */
const vietnameseTokenizer = {
  tokenizeAndStem: (text: string): string[] => text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [],
  stem: (token: string): string => token,
};

export function trainBaseline(examples: readonly { text: string; intent: string }[]): { classify(text: string): string } {
  const classifier = new BayesClassifier(vietnameseTokenizer);
  for (const e of examples) classifier.addDocument(e.text, e.intent);
  classifier.train();
  return { classify: (text) => classifier.classify(text) };
}
