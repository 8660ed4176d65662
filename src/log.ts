import { pino, type Logger } from 'pino';

export type Log = Logger;

export function createLog(level = 'info'): Log {
  return pino({ level, base: { app: 'zhaoshang-bot' }, timestamp: pino.stdTimeFunctions.isoTime });
}
