/**
 * Decides which successful requests get a log line: at most `perSecond` in each wall-clock second
 * (0: all). Under load the request log would otherwise cost more than many requests do; failures
 * and client errors are always logged, by the caller, whatever this says.
 */
export class RequestSampler {
  private second = 0;
  private logged = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(): boolean {
    if (this.perSecond <= 0) return true;
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.logged = 0;
    }
    if (this.logged >= this.perSecond) return false;
    this.logged++;
    return true;
  }
}
