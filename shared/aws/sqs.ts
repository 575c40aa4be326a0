import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Requests go to the configured endpoint (AWS_ENDPOINT_URL_SQS locally, the regional endpoint in
 * AWS), not to the host named in the queue URL: in AWS the two are the same, and locally the
 * emulator's queue URLs name a host that does not resolve.
 */
export const createSqsClient = () => new SQSClient({ useQueueUrlAsEndpoint: false });
