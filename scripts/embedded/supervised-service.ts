import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ManagedProcess, type ProcessSpec, startProcess } from './managed-process.ts';

const MAX_RESTART_DELAY_MS = 10_000;

/**
 * Keeps a process running: if it dies (a crash, or `kill -9`), it is started again with
 * backoff. Its pid is kept in `<runDir>/<name>.pid` so operators and tests can find it.
 */
export class SupervisedService {
  private current?: ManagedProcess;
  private stopping = false;
  private restarts = 0;

  constructor(
    private readonly spec: ProcessSpec,
    private readonly runDir: string,
    private readonly log: (line: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.current?.pid;
  }

  async start(): Promise<void> {
    this.current = await startProcess(this.spec);
    await writeFile(this.pidFile, String(this.current.pid));
    void this.current.exited.then((code) => this.onExit(code));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.current?.stop();
    await rm(this.pidFile, { force: true });
  }

  private async onExit(code: number | string): Promise<void> {
    if (this.stopping) return;
    const delay = Math.min(500 * 2 ** this.restarts, MAX_RESTART_DELAY_MS);
    this.restarts += 1;
    this.log(`${this.spec.name} exited (${code}); restarting in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (!this.stopping) await this.start();
  }

  private get pidFile(): string {
    return join(this.runDir, `${this.spec.name}.pid`);
  }
}

/** Stops processes a previous, killed supervisor left behind (their pid files survive it). */
export async function stopLeftoverProcesses(runDir: string, names: string[]): Promise<void> {
  for (const name of names) {
    const pidFile = join(runDir, `${name}.pid`);
    const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
    if (pid > 0) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await rm(pidFile, { force: true });
  }
}
