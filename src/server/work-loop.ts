/**
 * Runs `step` in `concurrency` parallel loops until stopped: a step that found work runs again at
 * once, an idle one waits `idleMs` (other instances may produce work) or until `notify()`.
 */
export class WorkLoop {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly onError: (error: unknown) => void,
    private readonly concurrency: number,
    private readonly idleMs: number,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.concurrency }, () => this.run());
  }

  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await Promise.all(this.loops);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const worked = await this.step().catch((e: unknown) => {
        this.onError(e);
        return false;
      });
      if (!worked && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.idleMs);
      this.waiters.add(done);
    });
  }
}
