import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, type FunctionDefinition, type FunctionName } from '#infra/manifest.ts';
import { DEFAULT_REGION, LOCAL_ACCOUNT } from '#infra/local/aws.ts';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';

/**
 * What the local stack needs to run a function the way Lambda does: its handler module, loaded
 * lazily (after the environment is set, since handlers read their config at module scope), a
 * Lambda-like context with the function's own timeout, and an invocation that ends there.
 */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;
export type HandlerLoader = (functionName: FunctionName) => Promise<LambdaHandler>;

/** Imports each function's entry once and keeps it, as a warm Lambda container would. */
export const createHandlerLoader = (root: string = REPOSITORY_ROOT): HandlerLoader => {
  const handlers = new Map<FunctionName, Promise<LambdaHandler>>();
  return (name) => {
    let handler = handlers.get(name);
    if (!handler) {
      const url = pathToFileURL(resolve(root, functions[name].entry)).href;
      handler = import(url).then((module: { handler?: LambdaHandler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${functions[name].entry} exports no handler`);
        return module.handler;
      });
      // A failed import (a syntax error being fixed) is retried on the next call, not cached.
      handler.catch(() => handlers.delete(name));
      handlers.set(name, handler);
    }
    return handler;
  };
};

export const lambdaContext = (definition: FunctionDefinition): Context => {
  const { logicalId: functionName, timeoutSeconds, memorySize } = definition;
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${DEFAULT_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

export class FunctionTimeoutError extends Error {
  override name = 'FunctionTimeoutError';
}

/**
 * Calls the handler as Lambda invokes the function: with its context, and ended at its timeout
 * (FunctionTimeoutError), so that a hung handler cannot hold a request, a job or stop() forever.
 */
export const invokeWithTimeout = async (
  handler: LambdaHandler,
  definition: FunctionDefinition,
  event: unknown,
): Promise<unknown> => {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FunctionTimeoutError()), definition.timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([handler(event, lambdaContext(definition)), timedOut]);
  } finally {
    clearTimeout(timer);
  }
};
