import { describe, expect, it } from 'vitest';
import { queues } from '#infra/manifest.ts';
import {
  describeRedrive,
  findDeployedQueueUrl,
  parseMax,
  parseQueueName,
  redriveByMoveTask,
  RedriveUsageError,
} from '#infra/ops/redrive.ts';

/**
 * The AWS path of `npm run redrive` (SQS's message move task), which no local emulator offers:
 * what it asks SQS, in order, against a recording SQS client. The local path (receive → send →
 * delete) runs against fauxqs in test/integration/moderation-redrive.test.ts.
 */

type Sent = { command: string; input: Record<string, unknown> };

/** Answers each command by name from `answers` (a list is consumed one answer per call). */
const recordingSqs = (answers: Record<string, unknown | unknown[]>) => {
  const sent: Sent[] = [];
  return {
    sent,
    sqs: {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const name = command.constructor.name.replace(/Command$/, '');
        sent.push({ command: name, input: command.input });
        const answer = answers[name];
        return Array.isArray(answer) ? answer.shift() : answer;
      },
    } as never,
  };
};

const account = '123456789012';
const queueArn = `arn:aws:sqs:eu-west-1:${account}:UserProtection-prod-Stateful-ReportsQueue-AbC123`;
const dlqArn = `arn:aws:sqs:eu-west-1:${account}:UserProtection-prod-Stateful-ReportsQueueDlq-XyZ789`;
const queueUrl = `https://sqs.eu-west-1.amazonaws.com/${account}/UserProtection-prod-Stateful-ReportsQueue-AbC123`;
const dlqUrl = `https://sqs.eu-west-1.amazonaws.com/${account}/UserProtection-prod-Stateful-ReportsQueueDlq-XyZ789`;

describe('npm run redrive in AWS', () => {
  it('finds the deployed queue by its stack and pinned logical id, never its dead-letter queue', async () => {
    // Prepare
    const { sqs, sent } = recordingSqs({ ListQueues: { QueueUrls: [queueUrl] } });

    // Act
    const found = await findDeployedQueueUrl(sqs, 'UserProtection-prod-Stateful', queues.reports);

    // Assess: the trailing dash keeps `ReportsQueueDlq-...` out.
    expect(found).toBe(queueUrl);
    expect(sent).toEqual([{ command: 'ListQueues', input: { QueueNamePrefix: 'UserProtection-prod-Stateful-ReportsQueue-' } }]);
  });

  it('refuses to guess when the stage is not deployed', async () => {
    // Prepare
    const { sqs } = recordingSqs({ ListQueues: { QueueUrls: [] } });

    // Act + Assess
    await expect(findDeployedQueueUrl(sqs, 'UserProtection-dev-Stateful', queues.reports)).rejects.toThrow(RedriveUsageError);
  });

  it('takes the dead-letter queue from the queue’s own redrive policy', async () => {
    // Prepare
    const { sqs, sent } = recordingSqs({
      GetQueueAttributes: { Attributes: { QueueArn: queueArn, RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }) } },
      GetQueueUrl: { QueueUrl: dlqUrl },
    });

    // Act
    const redrive = await describeRedrive(sqs, queueUrl);

    // Assess
    expect(redrive).toEqual({ queueUrl, queueArn, deadLetterQueueArn: dlqArn, deadLetterQueueUrl: dlqUrl });
    expect(sent[1]).toEqual({
      command: 'GetQueueUrl',
      input: { QueueName: 'UserProtection-prod-Stateful-ReportsQueueDlq-XyZ789', QueueOwnerAWSAccountId: account },
    });
  });

  it('starts a move task from the DLQ to the queue, waits for it, and reports the count SQS gives', async () => {
    // Prepare: the task runs once, then completes.
    const { sqs, sent } = recordingSqs({
      StartMessageMoveTask: { TaskHandle: 'task-1' },
      ListMessageMoveTasks: [
        { Results: [{ Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 3 }] },
        { Results: [{ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 7 }] },
      ],
      GetQueueAttributes: { Attributes: { ApproximateNumberOfMessages: '0' } },
    });

    // Act
    const result = await redriveByMoveTask({ sqs, queue: 'reports', queueArn, deadLetterQueueArn: dlqArn, deadLetterQueueUrl: dlqUrl, pollMs: 1 });

    // Assess
    expect(sent[0]).toEqual({ command: 'StartMessageMoveTask', input: { SourceArn: dlqArn, DestinationArn: queueArn } });
    expect(sent.filter((s) => s.command === 'ListMessageMoveTasks')).toHaveLength(2);
    expect(result).toEqual({ queue: 'reports', method: 'move-task', moved: 7, failed: 0, notDeleted: 0, remaining: 0 });
  });

  it('fails loudly when the move task fails', async () => {
    // Prepare
    const { sqs } = recordingSqs({
      StartMessageMoveTask: { TaskHandle: 'task-2' },
      ListMessageMoveTasks: { Results: [{ Status: 'FAILED', FailureReason: 'AccessDenied' }] },
    });

    // Act + Assess
    await expect(
      redriveByMoveTask({ sqs, queue: 'reports', queueArn, deadLetterQueueArn: dlqArn, deadLetterQueueUrl: dlqUrl, pollMs: 1 }),
    ).rejects.toThrow(/FAILED: AccessDenied/);
  });
});

describe('npm run redrive arguments', () => {
  it.each([
    ['reports', 'reports'],
    ['content-review', 'contentReview'],
    ['contentReview', 'contentReview'],
  ])('names the queue %s as %s', (value, expected) => {
    expect(parseQueueName(value)).toBe(expected);
  });

  it.each([undefined, 'reports-dlq', 'nope'])('refuses the queue name %s', (value) => {
    expect(() => parseQueueName(value)).toThrow(RedriveUsageError);
  });

  it.each([
    ['1', 1],
    ['250', 250],
    [undefined, undefined],
  ])('reads --max %s as %s', (value, expected) => {
    expect(parseMax(value)).toBe(expected);
  });

  it.each(['0', '-3', '2.5', 'ten'])('refuses --max %s', (value) => {
    expect(() => parseMax(value)).toThrow(RedriveUsageError);
  });
});
