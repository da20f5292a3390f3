import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { expect, it } from 'vitest';
import { CompiledOnce } from '../../src/store/compiled-once.js';
import { sqliteBindings } from '../../src/store/sqlite-bindings.js';

it('compiles a statement once and runs it with the values of each call in their places', async () => {
  const db = new Kysely<{ t: { at: Date } }>({ dialect: new SqliteDialect({ database: sqliteBindings(new BetterSqlite3(':memory:')) }) });
  await sql`CREATE TABLE t (at INTEGER)`.execute(db);
  await db.insertInto('t').values([{ at: new Date(1) }, { at: new Date(5) }, { at: new Date(9) }]).execute();
  let builds = 0;
  const between = new CompiledOnce(
    (after: Date, before: Date) => {
      builds++;
      return db.selectFrom('t').select('at').where('at', '>', after).where('at', '<', before).orderBy('at');
    },
    [new Date(0), new Date(0)],
  );
  const run = async (after: number, before: number) => (await db.executeQuery(between.with(new Date(after), new Date(before)))).rows.map((r) => Number(r.at));
  expect(await run(0, 6)).toEqual([1, 5]);
  expect(await run(4, 10)).toEqual([5, 9]);
  expect(builds).toBe(1);
  await db.destroy();
});
