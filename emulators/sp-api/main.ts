/**
 * Runs the SP-API emulator: `node --import tsx emulators/sp-api/main.ts`.
 * SP_API_EMULATOR_PORT or PORT (default 8110), HOST (127.0.0.1), SP_API_EMULATOR_DATA_DIR (unset:
 * memory only), SP_API_EMULATOR_FEED_STEP_MS (1000). The specific port variable wins, so a
 * start script can pass its whole environment (where PORT is the API's) unchanged.
 */
import { startSpApiEmulator } from './server.ts';

const emulator = await startSpApiEmulator({
  port: Number(process.env.SP_API_EMULATOR_PORT ?? process.env.PORT ?? 8110),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: process.env.SP_API_EMULATOR_DATA_DIR || undefined,
  feedStepMs: Number(process.env.SP_API_EMULATOR_FEED_STEP_MS ?? 1_000),
});
console.log(`SP-API emulator listening on ${emulator.url} (LWA: ${emulator.url}/auth/o2/token)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
