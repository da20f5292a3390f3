import pino, { type Logger as PinoLogger } from 'pino';
import type { TurnLogger } from '../engine/engine.js';
import { maskPersonalData } from './mask-personal-data.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where log lines go: one JSON object per line (without the newline). */
export interface LogSink {
  write(line: string): void;
}

const stderrSink: LogSink = { write: (line) => process.stderr.write(line + '\n') };

/**
 * The one logger of the application: structured JSON lines written by pino, with the message and
 * every string value (nested ones included) passed through `maskPersonalData` before they are
 * serialised, so no citizen's ID number, phone number or e-mail reaches a log.
 */
export class Logger implements TurnLogger {
  private readonly pino: PinoLogger;

  constructor(sink: LogSink = stderrSink, minLevel: LogLevel = 'info') {
    this.pino = pino(
      {
        level: minLevel,
        base: undefined,
        messageKey: 'message',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }), log: (fields) => maskDeep(fields) as Record<string, unknown> },
      },
      { write: (line: string) => sink.write(line.endsWith('\n') ? line.slice(0, -1) : line) },
    );
  }

  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    this.pino[level](fields, maskPersonalData(message));
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

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[nested too deep]';
  if (value instanceof Error) return maskPersonalData(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}
