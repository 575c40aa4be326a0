import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RateLimitedError } from '#shared/moderation/use-cases/errors.ts';
import { keys } from '#shared/moderation/store/keys.ts';

/** Fixed windows counted in the table; each window's item expires by TTL an hour after it ends. */
export const createRateLimitStore = (db: DynamoDBDocumentClient, tableName: string) => ({
  /** Counts one use of a window; RateLimitedError once `limit` uses are counted in it. */
  async take(key: string, limit: number, windowMs: number, now: Date) {
    const window = Math.floor(now.getTime() / windowMs);
    const endsAt = (window + 1) * windowMs;
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.rate(key, window),
          UpdateExpression: 'SET expiresAt = :exp ADD n :one',
          ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
          ExpressionAttributeValues: { ':exp': Math.ceil(endsAt / 1000) + 3600, ':one': 1, ':limit': limit },
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        throw new RateLimitedError(Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
      }
      throw error;
    }
  },
});
