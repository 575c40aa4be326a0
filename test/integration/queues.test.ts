import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { describe, expect, it } from 'vitest';
import { queues } from '#infra/manifest.ts';

describe('moderation queues on the SQS emulator, created from the shared definitions', () => {
  const sqs = createSqsClient();

  it.each(Object.values(queues))('$localName has its dead-letter queue and the defined settings', async (definition) => {
    // Prepare
    const queueUrl = process.env[definition.envVar];
    expect(queueUrl).toBeTruthy();

    // Act
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );

    // Assess
    const redrive = JSON.parse(Attributes.RedrivePolicy ?? '{}') as { deadLetterTargetArn?: string; maxReceiveCount?: unknown };
    expect(Number(redrive.maxReceiveCount)).toBe(definition.maxReceiveCount);
    expect(redrive.deadLetterTargetArn).toMatch(new RegExp(`:${definition.localName}-dlq$`));
    expect(Number(Attributes.VisibilityTimeout)).toBe(definition.visibilityTimeoutSeconds);
  });

  it('carries a message through the real SDK client', async () => {
    // Prepare
    const queueUrl = process.env[queues.reports.envVar]!;
    const body = JSON.stringify({ probe: Date.now() });

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );

    // Assess
    expect(Messages.map((m) => m.Body)).toContain(body);
  });
});
