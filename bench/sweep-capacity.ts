import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { HOUR_MS } from '#shared/clock.ts';
import { complaintDecisions } from '#shared/customer-service/domain/decisions.ts';
import { slaPolicy } from '#shared/customer-service/domain/sla-policy.ts';
import { createComplaintStore } from '#shared/customer-service/store/complaint-store.ts';
import { complaintItem } from '#shared/customer-service/store/items.ts';
import { runSlaSweep } from '#shared/customer-service/use-cases/sweep.ts';
import { createOutbox, createOutboxRelay } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { newId } from '#shared/ids.ts';
import { meteredDocumentClient, seedItems } from './dynamodb-meter.ts';

/**
 * The SLA sweep's DynamoDB cost with few and with many open complaints, the same number of them
 * due. The sweep reads the sparse due-time index, so its cost must follow the complaints due,
 * not the complaints open. Every request the sweep sends asks for its consumed capacity
 * (bench/dynamodb-meter.ts).
 */

export interface SweepCapacity {
  open: number;
  due: number;
  /** Capacity units the sweep consumed (reads and writes, tables and indexes). */
  capacityUnits: number;
  requests: number;
  breaches: number;
  seedMs: number;
  sweepMs: number;
}

/** Seeds `open` complaints filed an hour before `now`, `due` of them a day and an hour before (so past 24 h). */
const seed = async (document: DynamoDBDocumentClient, tableName: string, open: number, due: number, now: Date) => {
  const personalData = randomBytes(600); // the size of a typical sealed blob; never opened here
  const items = Array.from({ length: open }, (_, i) => {
    const filedAt = new Date(now.getTime() - (i < due ? 25 : 1) * HOUR_MS + i);
    const actor = { kind: 'user' as const, id: `user-${i % 5000}` };
    const { state, indexes } = complaintDecisions(slaPolicy).file(
      { ownerId: actor.id, origin: 'account', channel: 'web', category: 'billing', actor },
      newId('cmp', filedAt),
      filedAt,
    );
    return complaintItem(state, indexes, personalData);
  });
  await seedItems(document, tableName, items);
};

export const measureSweepCapacity = async (
  database: { client: DynamoDBClient; endpoint: string },
  options: { open: number; due: number; log: (line: string) => void },
): Promise<SweepCapacity> => {
  const { client } = database;
  const suffix = `${options.open}-${Date.now()}`;
  const names = { complaints: `bench-complaints-${suffix}`, figures: `bench-figures-${suffix}` };
  await client.send(new CreateTableCommand(createTableInput(tables.complaints, names.complaints)));
  await client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures)));
  try {
    const now = new Date('2026-11-29T12:00:00.000Z');
    const plain = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    options.log(`Sweep capacity: seeding ${options.open.toLocaleString('en-GB')} open complaints, ${options.due} due...`);
    const seedStart = performance.now();
    await seed(plain, names.complaints, options.open, options.due, now);
    const seedMs = performance.now() - seedStart;

    const { document, meter } = meteredDocumentClient(database.endpoint);
    const figures = createFiguresStore(document, names.figures, 'bench');
    const ports = {
      complaints: createComplaintStore({ db: document, tableName: names.complaints, figures }),
      decisions: complaintDecisions(slaPolicy),
      figures,
      // The relay's queries of the (empty) outbox are part of every sweep, and of its capacity.
      outbox: createOutbox({ db: document, tableName: names.complaints }),
      outboxRelay: createOutboxRelay({ db: document, tableName: names.complaints, publisher: { publish: async () => undefined }, logger: { warn: () => undefined } }),
    };
    const sweepStart = performance.now();
    const report = await runSlaSweep(ports, now);
    const sweepMs = performance.now() - sweepStart;
    if (report.due !== options.due || report.breaches !== 2 * options.due) {
      throw new Error(`The sweep handled ${report.due} due complaints (${report.breaches} breaches); expected ${options.due}`);
    }
    return {
      open: options.open,
      due: options.due,
      capacityUnits: meter.capacityUnits,
      requests: meter.requests,
      breaches: report.breaches,
      seedMs,
      sweepMs,
    };
  } finally {
    await client.send(new DeleteTableCommand({ TableName: names.complaints })).catch(() => undefined);
    await client.send(new DeleteTableCommand({ TableName: names.figures })).catch(() => undefined);
  }
};
