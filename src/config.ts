import type { SqliteSynchronous } from './store/database.js';

/** Settings from the environment only (see README and .env.example); defaults run on one machine. */
export interface AppConfig {
  /** Where the SQLite file and anything else written lives. */
  readonly dataDir: string;
  /** postgres://… to share conversations between instances; unset → SQLite in dataDir. */
  readonly databaseUrl?: string;
  readonly contextTtlMinutes: number;
  /** Message texts older than this are blanked by `purge` and by the daily schedule. */
  readonly retentionDays: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** SQLite's fsync policy (SQLITE_SYNCHRONOUS); see `SqliteSynchronous`. */
  readonly sqliteSynchronous?: SqliteSynchronous;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const level = env.LOG_LEVEL ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`LOG_LEVEL must be debug, info, warn or error, not "${level}"`);
  return {
    dataDir: env.DATA_DIR || './var',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    contextTtlMinutes: positiveNumber(env, 'CONTEXT_TTL_MINUTES', 30),
    retentionDays: positiveNumber(env, 'RETENTION_DAYS', 180),
    logLevel: level as AppConfig['logLevel'],
    sqliteSynchronous: sqliteSynchronous(env.SQLITE_SYNCHRONOUS),
  };
}

function sqliteSynchronous(raw: string | undefined): SqliteSynchronous {
  const value = (raw || 'normal').toLowerCase();
  if (value !== 'normal' && value !== 'full') throw new Error(`SQLITE_SYNCHRONOUS must be normal or full, not "${raw}"`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}
