import { readFileSync } from 'node:fs';
import { trainingData, createBot } from '../src/bot.js';
import { parseEvalFile, runEvaluation, summarize } from '../src/cli/evaluation.js';
import { OUT_OF_SCOPE } from '../src/nlu/decision.js';
import { trainBaseline } from './bayes-baseline.js';
import { latency, retainedMegabytes, round, timed } from './measure.js';
import { serverLoad } from './server-load.js';
import { pathologicalTexts } from '../test/support/pathological-texts.js';

/**
 * `npm run bench`: accuracy on the dev set, training time, per-message latency and retained
 * memory, for the engine and for natural's Bayes baseline; then the server's throughput on
 * loopback (SQLite). Prints figures; asserts nothing.
 */
const devFile = process.argv[2] ?? '../shared/eval/dev.jsonl';
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
};
console.log(JSON.stringify({ ...rows, serverLoad: await serverLoad(500, 20) }, null, 2));
console.log(
  `\nEngine ${(report.overallAccuracy * 100).toFixed(1)} % vs natural Bayes ${((baselineRight / items.length) * 100).toFixed(1)} % ` +
    `(${((report.overallAccuracy - baselineRight / items.length) * 100).toFixed(1)} points)`,
);
