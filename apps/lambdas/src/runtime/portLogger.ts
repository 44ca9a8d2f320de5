// The use cases' Logger port on the Powertools logger, so their structured entries (image
// operations with correlation ids, spec 003 property 23) land in the same JSON log stream.
import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogFields, Logger } from '@edgecv/use-cases';

export function portLogger(logger: PowertoolsLogger): Logger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: LogFields) =>
    fields === undefined ? logger[level](message) : logger[level](message, { ...fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
