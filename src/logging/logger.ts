import type { TurnLogger } from '../engine/engine.js';
import { maskPersonalData } from './mask-personal-data.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where log lines go: one JSON object per line. */
export interface LogSink {
  write(line: string): void;
}

/**
 * The one logger of the application: structured JSON lines, with every string value passed
 * through `maskPersonalData`, so no citizen's ID number, phone number or e-mail reaches a log.
 */
export class Logger implements TurnLogger {
  constructor(
    private readonly sink: LogSink = { write: (line) => process.stderr.write(line + '\n') },
    private readonly minLevel: LogLevel = 'info',
  ) {}

  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(this.minLevel)) return;
    const entry = { time: new Date().toISOString(), level, message, ...fields };
    this.sink.write(JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'string' ? maskPersonalData(value) : value)));
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('warn', message, fields);
  }

  error(message: string, error: unknown): void {
    this.log('error', message, { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }

  turn(entry: Parameters<TurnLogger['turn']>[0]): void {
    this.log('info', 'turn', entry);
  }
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
