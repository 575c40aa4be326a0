/** The region and account the local stack stands in for; the emulators accept any credentials. */
export const DEFAULT_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** An SDK client's settings for the stack's own tooling: one attempt, so that a stopped emulator shows at once. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: DEFAULT_REGION,
  credentials: LOCAL_CREDENTIALS,
  maxAttempts: 1,
});
