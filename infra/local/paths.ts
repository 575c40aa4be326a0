import { resolve } from 'node:path';
import { eventBus } from '#infra/manifest.ts';

export const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..');

/** Everything the local stack keeps lives under `.local/` (git-ignored), so a restart keeps it. */
export const localPaths = (root = REPOSITORY_ROOT) => {
  const dir = resolve(root, '.local');
  return {
    dir,
    dynamodb: resolve(dir, 'dynamodb'),
    keys: resolve(dir, 'keys'),
    dataKey: resolve(dir, 'keys', 'data-key.b64'),
    pseudonymKey: resolve(dir, 'keys', 'pseudonym.key'),
    signingKey: resolve(dir, 'keys', 'jwt-signing-key.json'),
    /** One JSON line per event published on the local bus, in EventBridge's envelope. */
    events: resolve(dir, 'events', `${eventBus.localName}.jsonl`),
    endpoints: resolve(dir, 'endpoints.json'),
    /** The people `npm run token` has issued tokens for, with their email, locale and groups: the local user directory. */
    users: resolve(dir, 'users.json'),
  };
};
