// The package root of `natural` loads every module it has (≈600 ms, ≈60 MB, dotenv noise),
// so the engine imports the one file it needs; these declare those deep paths.
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(
    source: string,
    target: string,
    options?: { restricted?: boolean; transposition_cost?: number },
  ): number;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  interface Stemmer {
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
    stem(token: string): string;
  }
  export default class BayesClassifier {
    constructor(stemmer?: Stemmer, smoothing?: number);
    addDocument(text: string | string[], label: string): void;
    train(): void;
    classify(text: string | string[]): string;
    getClassifications(text: string | string[]): { label: string; value: number }[];
  }
}
