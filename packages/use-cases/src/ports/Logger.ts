/** The DI token of the Logger. */
export const LoggerToken = Symbol.for('edgecv.Logger');

/** Structured fields of one log line (ids, counts, durations); values are serialised as JSON. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Structured logging: a message and fields, never pre-formatted strings. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
