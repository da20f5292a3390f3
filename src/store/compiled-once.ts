import { CompiledQuery, type Compilable } from 'kysely';

/**
 * A statement Kysely builds and compiles once, then runs with new values — for the queue's claims,
 * which run many times a second and cost more to build than to execute. `build` is called once
 * with `placeholders` (distinct objects, e.g. Date instances); each compiled parameter that is one
 * of them is replaced, at every run, by the argument in the same position.
 */
export class CompiledOnce<A extends readonly object[], R> {
  private compiled?: CompiledQuery<R>;

  constructor(
    private readonly build: (...args: A) => Compilable<R>,
    private readonly placeholders: A,
  ) {}

  with(...args: A): CompiledQuery<R> {
    this.compiled ??= this.build(...this.placeholders).compile();
    const parameters = this.compiled.parameters.map((p) => {
      const i = this.placeholders.indexOf(p as A[number]);
      return i < 0 ? p : args[i];
    });
    return CompiledQuery.raw(this.compiled.sql, parameters) as CompiledQuery<R>;
  }
}
