import { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs` (measured from the end of one run to the start of the next, so
 * runs never overlap) until stopped; a failed run is logged and the next one comes on time. For
 * the worker's recovery loops (outbox sweep, lost webhook jobs, mail and timer re-enqueueing),
 * which all tolerate running in several workers at once.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setTimeout(() => this.tick(), this.intervalMs);
  }

  /** Resolves once the run in flight, if any, has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    const run = this.work().catch((error: unknown) =>
      this.logger.error(`${this.what} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.running = run;
    void run.finally(() => {
      if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.intervalMs);
    });
  }
}
