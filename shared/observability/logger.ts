import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
// Every function's bundle carries the stack-trace mapper through its logger.
import '#shared/observability/stack-traces.ts';

/**
 * One logger per function, created at module scope. Events and bodies are never logged: they
 * carry personal data. Log entries name the route, the status and the correlation id.
 */
export const createLogger = (serviceName: string) =>
  new Logger({ serviceName, logLevel: (process.env.LOG_LEVEL ?? 'INFO') as LogLevel });
