import type { Nlu } from '../nlu/nlu.js';

/** The same NLU, reporting how long each `analyze` took (seconds); everything else passes through. */
export function timedNlu(nlu: Nlu, observe: (seconds: number) => void): Nlu {
  const analyze: Nlu['analyze'] = (text) => {
    const started = performance.now();
    try {
      return nlu.analyze(text);
    } finally {
      observe((performance.now() - started) / 1000);
    }
  };
  return new Proxy(nlu, {
    get(target, property) {
      if (property === 'analyze') return analyze;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
