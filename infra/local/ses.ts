import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * aws-ses-v2-local is CommonJS with `exports.default = server`: Node's ESM import gives the
 * module object, Vite's (the tests') gives `server` itself. Required, it is the same everywhere.
 */
const sesV2Local = createRequire(import.meta.url)('aws-ses-v2-local') as typeof import('aws-ses-v2-local');

/**
 * The SES emulator (aws-ses-v2-local) in this process, on loopback: it answers the SES v2 API the
 * functions' unchanged `SESv2Client` sends to (AWS_ENDPOINT_URL_SESV2) and keeps every email it
 * accepts in memory, for a developer to read in its web viewer (`/`) or as JSON (`/store`).
 */
export const startSesEmulator = async (options: { port: number }) => {
  const server = await sesV2Local.default({ host: '127.0.0.1', port: options.port });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    /** Where a developer reads the emails sent: the web viewer; `${endpoint}/store` has them as JSON. */
    viewer: `${endpoint}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The viewer polls the store: its kept-alive connection must not hold the stack open.
        server.closeAllConnections();
      }),
  };
};
