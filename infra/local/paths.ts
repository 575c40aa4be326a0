import { resolve } from 'node:path';

/** Everything the local stack keeps lives under `.local/` (git-ignored), so a restart keeps it. */
export const localPaths = (root = resolve(import.meta.dirname, '..', '..')) => {
  const dir = resolve(root, '.local');
  return {
    dir,
    dynamodb: resolve(dir, 'dynamodb'),
    keys: resolve(dir, 'keys'),
    dataKey: resolve(dir, 'keys', 'data-key.b64'),
    signingKey: resolve(dir, 'keys', 'jwt-signing-key.json'),
    endpoints: resolve(dir, 'endpoints.json'),
  };
};
export type LocalPaths = ReturnType<typeof localPaths>;
