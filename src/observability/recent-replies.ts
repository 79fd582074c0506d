// HTTP replies of the last minutes, by minute: how many, and how many were server errors (for the console dashboard).

const MINUTE_MS = 60_000;

export interface RecentReplyCounts {
  /** The window the counts cover, in minutes (the current minute included). */
  minutes: number;
  requests: number;
  serverErrors: number;
}

/** A ring of per-minute counters: recording and reading cost the same however busy the server is. */
export class RecentReplies {
  private readonly minuteOf: number[];
  private readonly totals: number[];
  private readonly errors: number[];

  constructor(
    readonly minutes: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.minuteOf = new Array(minutes).fill(-1);
    this.totals = new Array(minutes).fill(0);
    this.errors = new Array(minutes).fill(0);
  }

  record(statusCode: number): void {
    const minute = Math.floor(this.clock() / MINUTE_MS);
    const slot = minute % this.minutes;
    if (this.minuteOf[slot] !== minute) {
      this.minuteOf[slot] = minute;
      this.totals[slot] = 0;
      this.errors[slot] = 0;
    }
    this.totals[slot] = (this.totals[slot] ?? 0) + 1;
    if (statusCode >= 500) this.errors[slot] = (this.errors[slot] ?? 0) + 1;
  }

  counts(): RecentReplyCounts {
    const now = Math.floor(this.clock() / MINUTE_MS);
    let requests = 0;
    let serverErrors = 0;
    this.minuteOf.forEach((minute, slot) => {
      if (minute <= now - this.minutes) return;
      requests += this.totals[slot] ?? 0;
      serverErrors += this.errors[slot] ?? 0;
    });
    return { minutes: this.minutes, requests, serverErrors };
  }
}
