import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { LOCAL_ACCOUNT } from '#infra/local/aws.ts';
import { listen } from '#infra/local/listen.ts';

/**
 * A local EventBridge that speaks the one operation the functions use, PutEvents, in the real
 * wire protocol (AWS JSON 1.1: `POST /` with `X-Amz-Target: AWSEvents.PutEvents`). So the
 * functions' own `new EventBridgeClient({})` works unchanged once AWS_ENDPOINT_URL_EVENTBRIDGE
 * points here. Accepted events are appended, one EventBridge envelope per line, to a JSONL file
 * that tests and developers can read, and handed to in-process subscribers.
 */

const JSON_1_1 = 'application/x-amz-json-1.1';
/** PutEvents takes 1 to 10 entries per request. */
const MAX_ENTRIES = 10;

/** What a rule target receives in AWS: the envelope around the publisher's `Detail`. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

interface RequestEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
}

type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The events published so far, from the file the emulator writes (empty if none yet). */
export const readPublishedEvents = (file: string): EventEnvelope[] => {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EventEnvelope);
};

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

const parseDetail = (detail: string): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(detail);
    // EventBridge wants a JSON object: an array, a string or a number is malformed detail.
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The time of an entry: `Time` (the SDK sends epoch seconds) or now; ISO 8601 to the second, as AWS writes it. */
const eventTime = (time: unknown, now: Date): string => {
  const date = typeof time === 'number' && Number.isFinite(time) ? new Date(time * 1000) : now;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

const requiredMissing = (entry: RequestEntry): string | undefined =>
  (['Source', 'DetailType', 'Detail'] as const).find((name) => !isNonEmptyString(entry[name]));

type EntryError = Extract<ResultEntry, { ErrorCode: string }>;

/** Matches the local bus by name or ARN (any partition, region and account). */
const busMatcher = (busName: string) => {
  const escapedName = busName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const busArn = new RegExp(`^arn:aws[\\w-]*:events:[\\w-]+:\\d{12}:event-bus/${escapedName}$`);
  return (name: unknown) => name === busName || (typeof name === 'string' && busArn.test(name));
};

/** The envelope of one entry, or the error AWS would give that entry. */
const envelopeOf = (
  entry: RequestEntry,
  at: { now: Date; region: string; isLocalBus: (name: unknown) => boolean },
): EventEnvelope | EntryError => {
  const missing = requiredMissing(entry);
  if (missing) {
    const ErrorMessage = `Parameter ${missing} is not valid. Reason: ${missing} is a required argument.`;
    return { ErrorCode: 'InvalidArgument', ErrorMessage };
  }
  const detail = parseDetail(entry.Detail as string);
  if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  // AWS would use the account's default bus; locally only our bus exists, so a publisher that
  // forgot EventBusName is caught here rather than in AWS, where its events would go nowhere.
  if (!at.isLocalBus(entry.EventBusName)) {
    const name = isNonEmptyString(entry.EventBusName) ? entry.EventBusName : 'default';
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${name} does not exist.` };
  }
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType as string,
    source: entry.Source as string,
    account: LOCAL_ACCOUNT,
    time: eventTime(entry.Time, at.now),
    region: at.region,
    resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
    detail,
  };
};

/** The entries of a PutEvents request, or the RequestError with which AWS refuses the whole request. */
const entriesOf = (body: unknown): RequestEntry[] => {
  const entries = (body as { Entries?: unknown } | null)?.Entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
    const count = Array.isArray(entries) ? entries.length : 0;
    throw new RequestError(
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES} (got ${count})`,
    );
  }
  // Documented AWS behaviour: when no entry has Source, DetailType and Detail, the whole request fails.
  if (entries.every((entry: RequestEntry) => requiredMissing(entry ?? {}))) {
    throw new RequestError('ValidationException', 'No entry has all of Source, DetailType and Detail.');
  }
  return entries.map((entry: RequestEntry | null | undefined) => entry ?? {});
};

const reply = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': JSON_1_1, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
};
const replyError = (res: ServerResponse, error: RequestError) =>
  // The SDK reads the error's name from `__type` (or the x-amzn-errortype header).
  reply(res, 400, { __type: error.code, message: error.message });

/** Answers one HTTP request in AWS JSON 1.1: PutEvents through `putEvents`, any other operation refused. */
const handleRequest = async (req: IncomingMessage, res: ServerResponse, putEvents: (body: unknown) => unknown) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const target = req.headers['x-amz-target'];
  if (req.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
    const operation = typeof target === 'string' ? target.replace(/^AWSEvents\./, '') : `${req.method} ${req.url}`;
    return replyError(
      res,
      new RequestError('UnknownOperationException', `The local EventBridge supports PutEvents only, not ${operation}.`),
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return replyError(res, new RequestError('SerializationException', 'The request body is not valid JSON.'));
  }
  try {
    reply(res, 200, putEvents(body));
  } catch (error) {
    if (error instanceof RequestError) return replyError(res, error);
    throw error;
  }
};

export const startEventBridgeEmulator = async (options: {
  port: number;
  /** The only bus that exists locally. */
  busName: string;
  /** JSONL file every accepted event is appended to. */
  file: string;
  region: string;
}) => {
  const { file, region } = options;
  const isLocalBus = busMatcher(options.busName);
  mkdirSync(dirname(file), { recursive: true });

  const subscribers = new Set<(event: EventEnvelope) => void>();

  const accept = (entry: RequestEntry, now: Date): ResultEntry => {
    const event = envelopeOf(entry, { now, region, isLocalBus });
    if ('ErrorCode' in event) return event;
    appendFileSync(file, `${JSON.stringify(event)}\n`);
    for (const subscriber of subscribers) subscriber(event);
    return { EventId: event.id };
  };

  const putEvents = (body: unknown) => {
    const now = new Date();
    const results = entriesOf(body).map((entry) => accept(entry, now));
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  };

  const server = createServer((req, res) => {
    handleRequest(req, res, putEvents).catch(() => {
      if (!res.headersSent) reply(res, 500, { __type: 'InternalException', message: 'The local EventBridge failed.' });
      else res.destroy();
    });
  });
  const listening = await listen(server, options.port);
  return {
    endpoint: listening.url,
    /** Calls `listener` with each event accepted from now on; returns the unsubscribe function. */
    subscribe: (listener: (event: EventEnvelope) => void) => {
      subscribers.add(listener);
      return () => void subscribers.delete(listener);
    },
    stop: () => {
      subscribers.clear();
      return listening.stop();
    },
  };
};

export type EventBridgeEmulator = Awaited<ReturnType<typeof startEventBridgeEmulator>>;
