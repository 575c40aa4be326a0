import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { apiEvent, lambdaContext } from './support/api-event.ts';

/**
 * The metrics of a function as Lambda would see them: EMF lines on stdout, one per invocation,
 * in the platform's namespace with the dimensions `stage` and `function`. The modules are loaded
 * after the function's environment is set, as they are in Lambda (Metrics is created at load).
 */
const functionEnv = {
  STAGE: 'dev',
  POWERTOOLS_SERVICE_NAME: 'complaints',
  POWERTOOLS_METRICS_NAMESPACE: 'UserProtection',
};
const savedEnv = { ...process.env };

/** Personal data and ids an event may carry: none may reach a metric. */
const COMPLAINT_ID = 'cmp_01JTESTCOMPLAINT';
const EMAIL = 'ada.lovelace@example.com';

let modules: {
  metrics: typeof import('#shared/observability/metrics.ts');
  publisher: typeof import('#shared/events/publisher.ts');
  outboxStream: typeof import('#shared/events/outbox-stream.ts');
  api: typeof import('#shared/http/api-handler.ts');
  jobs: typeof import('#shared/jobs/job-handler.ts');
  logger: typeof import('#shared/observability/logger.ts');
};

beforeAll(async () => {
  delete process.env.POWERTOOLS_DEV;
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  Object.assign(process.env, functionEnv);
  vi.resetModules();
  modules = {
    metrics: await import('#shared/observability/metrics.ts'),
    publisher: await import('#shared/events/publisher.ts'),
    outboxStream: await import('#shared/events/outbox-stream.ts'),
    api: await import('#shared/http/api-handler.ts'),
    jobs: await import('#shared/jobs/job-handler.ts'),
    logger: await import('#shared/observability/logger.ts'),
  };
});

afterAll(() => {
  process.env = savedEnv;
});

/** Every line written to stdout while a test runs. */
let stdout: string[] = [];

beforeEach(() => {
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    stdout.push(...text.split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  modules.metrics.metrics.clearMetrics();
});

interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  [key: string]: unknown;
}

/** The EMF lines among what was written (the logger writes JSON lines too). */
const emfLines = (): EmfLine[] =>
  stdout
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line): line is EmfLine => typeof line._aws === 'object');

/** The metric names and values of an EMF line, without its dimensions and envelope. */
const valuesOf = (line: EmfLine): Record<string, unknown> => {
  const names = line._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name);
  return Object.fromEntries(names.map((name) => [name, line[name]]));
};

const event = (type: string, detail: Record<string, unknown> = {}): PublishableEvent => ({
  type,
  at: '2026-05-04T10:00:00.000Z',
  detail: { complaintId: COMPLAINT_ID, ...detail },
});

/** An EventBridge client that accepts every entry. */
const acceptingBus = () => ({
  send: vi.fn(async (command: { input: { Entries?: unknown[] } }) => ({
    FailedEntryCount: 0,
    Entries: (command.input.Entries ?? []).map(() => ({ EventId: 'e' })),
  })),
});

/** A stream record of an inserted outbox item holding one event, as Lambda delivers it. */
const outboxInsert = (changeId: string, type: string, sequenceNumber: string) => ({
  eventName: 'INSERT' as const,
  dynamodb: {
    SequenceNumber: sequenceNumber,
    NewImage: marshall({ pk: 'OUTBOX#0', sk: `2026-05-04T10:00:00.000Z#${changeId}`, entity: 'outbox', events: [{ eventId: `${changeId}:0`, ...event(type) }] }) as never,
  },
});

const publisherWith = (client: { send: (command: never) => Promise<unknown> }) =>
  modules.publisher.createEventPublisher({ busName: 'bus', context: 'customer-service', client: client as never });

describe('eventMetricName', () => {
  it.each([
    ['complaint.received', 'ComplaintReceived'],
    ['complaint.sla-breached', 'ComplaintSlaBreached'],
    ['content-review.decided', 'ContentReviewDecided'],
    ['moderation.reporter-suspended', 'ModerationReporterSuspended'],
  ])('names the metric of %s %s', (type, name) => {
    // Assess
    expect(modules.publisher.eventMetricName(type)).toBe(name);
  });
});

describe('metrics of published domain events', () => {
  it('are written once per invocation as EMF, in the namespace, with the dimensions stage and function', async () => {
    // Prepare
    const publisher = publisherWith(acceptingBus());
    const handler = modules.metrics.observedHandler(async () => {
      await publisher.publish([event('complaint.received', { email: EMAIL }), event('complaint.escalated')]);
      await publisher.publish([event('complaint.received')]);
      return 'done';
    });

    // Act
    const result = await handler({}, lambdaContext());

    // Assess
    expect(result).toBe('done');
    const lines = emfLines();
    expect(lines).toHaveLength(1);
    const [line] = lines as [EmfLine];
    expect(line._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'UserProtection',
        Dimensions: [['stage', 'function']],
        Metrics: expect.arrayContaining([
          { Name: 'ComplaintReceived', Unit: 'Count' },
          { Name: 'ComplaintEscalated', Unit: 'Count' },
        ]),
      },
    ]);
    expect(line.stage).toBe('dev');
    expect(line.function).toBe('complaints');
    expect(valuesOf(line)).toEqual({ ComplaintReceived: [1, 1], ComplaintEscalated: 1 });
  });

  it('carry no id and no personal data of the events', async () => {
    // Prepare
    const publisher = publisherWith(acceptingBus());
    const handler = modules.metrics.observedHandler(async () => {
      await publisher.publish([event('complaint.received', { email: EMAIL, channel: 'email' })]);
    });

    // Act
    await handler({}, lambdaContext());

    // Assess
    const written = JSON.stringify(emfLines());
    expect(written).not.toContain(COMPLAINT_ID);
    expect(written).not.toContain(EMAIL);
    expect(written).not.toContain('email');
    expect(Object.keys(emfLines()[0]!).sort()).toEqual(['ComplaintReceived', '_aws', 'function', 'stage']);
  });

  it('count a batch of many events of one type as its number', async () => {
    // Prepare
    const publisher = publisherWith(acceptingBus());
    const many = Array.from({ length: 23 }, () => event('complaint.sla-warning'));

    // Act
    await modules.metrics.observedHandler(() => publisher.publish(many))({}, lambdaContext());

    // Assess: three PutEvents calls of at most 10 entries, three counts.
    expect(valuesOf(emfLines()[0]!)).toEqual({ ComplaintSlaWarning: [10, 10, 3] });
  });

  it('count nothing for events the bus refused', async () => {
    // Prepare
    const publisher = publisherWith({
      send: vi.fn(async () => ({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] })),
    });
    const handler = modules.metrics.observedHandler(() => publisher.publish([event('complaint.closed')]));

    // Act
    const outcome = await handler({}, lambdaContext()).catch((error: Error) => error.name);

    // Assess: the error reaches the caller; nothing was counted, so nothing is written.
    expect(outcome).toBe('EventPublishError');
    expect(emfLines()).toEqual([]);
  });

  it('are flushed after each invocation: two invocations, two lines; none for an invocation without metrics', async () => {
    // Prepare
    const publisher = publisherWith(acceptingBus());
    const handler = modules.metrics.observedHandler(async (types: string[]) => {
      if (types.length > 0) await publisher.publish(types.map((type) => event(type)));
    });

    // Act
    await handler(['complaint.received'], lambdaContext());
    await handler([], lambdaContext());
    await handler(['complaint.closed'], lambdaContext());

    // Assess
    expect(emfLines().map(valuesOf)).toEqual([{ ComplaintReceived: 1 }, { ComplaintClosed: 1 }]);
  });

  it('are flushed when the handler throws, and the error still reaches Lambda', async () => {
    // Prepare
    const publisher = publisherWith(acceptingBus());
    const handler = modules.metrics.observedHandler(async () => {
      await publisher.publish([event('complaint.received')]);
      throw new Error('boom');
    });

    // Act
    const outcome = await handler({}, lambdaContext()).catch((error: Error) => error.message);

    // Assess
    expect(outcome).toBe('boom');
    expect(emfLines().map(valuesOf)).toEqual([{ ComplaintReceived: 1 }]);
  });
});

describe('the outbox', () => {
  it('counts, from the stream relay, the events published by type, and those it could not publish', async () => {
    // Prepare: eleven changes of one event each; the bus takes the first call and refuses the second.
    const bus = acceptingBus();
    bus.send.mockImplementationOnce(acceptingBus().send).mockRejectedValueOnce(new Error('bus down'));
    const relay = modules.outboxStream.createOutboxStreamRelay({
      db: { send: vi.fn(async () => ({})) } as never,
      tableName: 'complaints',
      publisher: publisherWith(bus),
      logger: { warn: vi.fn() },
    });
    const records = Array.from({ length: 11 }, (_, i) => outboxInsert(`c${i}:1`, 'complaint.received', String(100 + i)));

    // Act: the first ten fill one PutEvents call; the eleventh is the second call.
    const answer = await modules.metrics.observedHandler(relay)({ Records: records }, lambdaContext());

    // Assess
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '110' }]);
    expect(emfLines().map(valuesOf)).toEqual([{ ComplaintReceived: 10, [modules.outboxStream.STREAM_RELAY_FAILED_METRIC]: 1 }]);
  });
});

describe('the API handler', () => {
  const apiHandler = (handle: () => Promise<{ statusCode: number }>) =>
    modules.api.createApiHandler({
      logger: modules.logger.createLogger('complaints'),
      routes: [{ method: 'POST', path: '/v1/things', function: 'test', caller: 'public' }] as const,
      handlers: { 'POST /v1/things': handle },
      // STAGE is dev: as if through CloudFront (the origin check has tests of its own).
      guards: { originCheck: { verify: async () => {} } },
    });
  const call = (handler: ReturnType<typeof apiHandler>) => handler(apiEvent({ routeKey: 'POST /v1/things' }), lambdaContext());

  it("writes one line per request with its answer's status class and the events it published", async () => {
    // Prepare
    const publisher = publisherWith(acceptingBus());
    const handler = apiHandler(async () => {
      await publisher.publish([event('complaint.received')]);
      return { statusCode: 201 };
    });

    // Act
    const result = await call(handler);

    // Assess
    expect(result.statusCode).toBe(201);
    const lines = emfLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'UserProtection', Dimensions: [['stage', 'function']] });
    expect(valuesOf(lines[0]!)).toEqual({ ComplaintReceived: 1, Responses2xx: 1 });
  });

  it('counts a refused request as 4xx and a failed one as 5xx, after the error became its problem answer', async () => {
    // Prepare
    const { problems } = await import('#shared/http/problem.ts');
    const refused = apiHandler(async () => Promise.reject(problems.notFound('No such thing.')));
    const failed = apiHandler(async () => Promise.reject(new Error('boom')));

    // Act
    const refusal = await call(refused);
    const failure = await call(failed);

    // Assess: the answers are those of the error handling; each request wrote one line.
    expect([refusal.statusCode, failure.statusCode]).toEqual([404, 500]);
    expect(emfLines().map(valuesOf)).toEqual([{ Responses4xx: 1 }, { Responses5xx: 1 }]);
  });
});

describe('the job handler', () => {
  it('writes what the run counted when it ends, once', async () => {
    // Prepare
    const publisher = publisherWith(acceptingBus());
    const handler = modules.jobs.createJobHandler({
      logger: modules.logger.createLogger('sla-sweep'),
      job: 'sla-sweep',
      run: async () => {
        await publisher.publish([event('complaint.sla-breached'), event('complaint.sla-breached')]);
        return { breached: 2 };
      },
    });

    // Act
    const report = await handler({ job: 'sla-sweep', time: '2026-05-04T10:00:00.000Z' }, lambdaContext());

    // Assess
    expect(report).toEqual({ breached: 2 });
    expect(emfLines().map(valuesOf)).toEqual([{ ComplaintSlaBreached: 2 }]);
  });
});
