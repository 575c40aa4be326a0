import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';

/**
 * The least a handler that stores personal data loads: the baseline's DynamoDB client plus the
 * project's personal-data cipher (the AWS Encryption SDK, its caching materials manager and the
 * keyrings, the KMS client among them), both created at module scope. Informative: it shows how
 * much of a key-holding function's load time the Encryption SDK alone accounts for.
 */
const client = new DynamoDBClient({});
const cipher = cipherFromEnvironment();

export const handler = async () => ({ statusCode: 200, body: `${client.config.apiVersion} ${typeof cipher.seal}` });
