import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

/** Chromium installed and the designer built from the current sources, as `npm test` leaves them. */
export default function setup() {
  const prepared = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/prepare.ts', '--for-tests'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (prepared.status !== 0) throw new Error('scripts/prepare.ts --for-tests failed');
}
