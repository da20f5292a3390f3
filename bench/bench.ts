import { existsSync, readFileSync } from 'node:fs';
import { trainingData, createBot } from '../src/bot.js';
import { parseEvalFile, runEvaluation, summarize } from '../src/cli/evaluation.js';
import { OUT_OF_SCOPE } from '../src/nlu/decision.js';
import { trainBaseline } from './bayes-baseline.js';
import { latency, latencyAsync, retainedMegabytes, round, timed } from './measure.js';
import { trainNlpJs } from './nlpjs-baseline.js';
import { serverLoad } from './server-load.js';
import { pathologicalTexts } from '../test/support/pathological-texts.js';

/**
 * `npm run bench`: accuracy on the dev set, training time, per-message latency and retained
 * memory, for the engine and for natural's Bayes baseline; then the server's throughput on
 * loopback (SQLite). Answer-level accuracy (replies matching each line's "must") on the answers
 * set, and NLP.js 4's latency on the same texts in the same run — the bar for the engine's p99.
 * Prints figures; asserts nothing.
 */
const devFile = process.argv[2] ?? '../shared/eval/dev.jsonl';
const answersFile = process.argv[3] ?? '../shared/eval/answers-dev.jsonl';
const PASSES = 30;

const items = parseEvalFile(readFileSync(devFile, 'utf8'), devFile).flatMap((i) => (i.kind === 'message' ? [i.turn] : i.turns));
const texts = items.map((t) => t.text);

const engineBuild = retainedMegabytes(() => timed(() => createBot()));
const bot = engineBuild.value.value;
const report = summarize(await runEvaluation(bot.engine, parseEvalFile(readFileSync(devFile, 'utf8'), devFile)), 'messages');
const engineLatency = latency(texts, (t) => bot.nlu.analyze(t), PASSES);
const trainOnly = timed(() => createBot());
// One analysis of each 1 MB pathological message (the engine itself cuts messages at maxTextLength).
const pathologicalMs = Object.fromEntries(Object.entries(pathologicalTexts(1_000_000)).map(([name, text]) => [name, timed(() => bot.nlu.analyze(text)).ms]));

const examples = trainingData(bot.content).examples;
const baselineBuild = retainedMegabytes(() => timed(() => trainBaseline(examples)));
const baseline = baselineBuild.value.value;
const baselineRight = items.filter((t) => baseline.classify(t.text) === t.intent).length;
const baselineInScope = items.filter((t) => t.intent !== OUT_OF_SCOPE);
const baselineLatency = latency(texts, (t) => baseline.classify(t), 3);

const nlpjs = await trainNlpJs(examples);
const nlpjsLatency = nlpjs ? await latencyAsync(texts, (t) => nlpjs.classify(t), 3) : undefined;

// A bot of its own: conversation ids of the two files would collide in one store.
const answers = existsSync(answersFile)
  ? summarize(await runEvaluation(trainOnly.value.engine, parseEvalFile(readFileSync(answersFile, 'utf8'), answersFile)), 'messages')
  : undefined;

const rows = {
  devSet: devFile,
  messages: items.length,
  trainingExamples: examples.length,
  engine: {
    accuracy: report.overallAccuracy,
    inScopeAccuracy: report.inScope.accuracy,
    oosRecall: report.oos.recall,
    oosPrecision: report.oos.precision,
    aspectAccuracy: report.aspect.accuracy,
    loadAndTrainMs: trainOnly.ms,
    latencyUs: engineLatency,
    retainedMb: engineBuild.mb,
    pathological1MbMs: pathologicalMs,
  },
  naturalBayes: {
    accuracy: round(baselineRight / items.length),
    inScopeAccuracy: round(baselineInScope.filter((t) => baseline.classify(t.text) === t.intent).length / baselineInScope.length),
    trainMs: baselineBuild.value.ms,
    latencyUs: baselineLatency,
    retainedMb: baselineBuild.mb,
  },
  nlpJs4: nlpjs && nlpjsLatency ? { trainMs: round(nlpjs.trainMs), latencyUs: nlpjsLatency } : 'not installed (dev dependency node-nlp)',
  answersSet: answers
    ? { file: answersFile, n: answers.answers.n, answerAccuracy: answers.answers.accuracy, intentAccuracy: answers.intentAccuracy }
    : `skipped: ${answersFile} not found`,
};
console.log(JSON.stringify({ ...rows, serverLoad: await serverLoad(500, 20) }, null, 2));
console.log(
  `\nEngine ${(report.overallAccuracy * 100).toFixed(1)} % vs natural Bayes ${((baselineRight / items.length) * 100).toFixed(1)} % ` +
    `(${((report.overallAccuracy - baselineRight / items.length) * 100).toFixed(1)} points)`,
);
console.log(
  nlpjsLatency
    ? `NLU p99 ${engineLatency.p99} µs vs NLP.js 4 p99 ${nlpjsLatency.p99} µs (${(engineLatency.p99 / nlpjsLatency.p99).toFixed(2)}×)`
    : 'NLP.js 4 not installed: no latency bar (add node-nlp as a dev dependency)',
);
console.log(answers ? `Answers: ${(answers.answers.accuracy * 100).toFixed(1)} % of ${answers.answers.n} replies state the required fact` : `Answers: skipped (${answersFile} not found)`);
