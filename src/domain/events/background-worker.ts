// A job run on demand or every few seconds, one round at a time: the shape of the outbox dispatchers.

export interface BackgroundWorker {
  /** Runs one round now (after the one running, if any); answers what the round counted (e.g. deliveries). */
  runOnce(): Promise<number>;
  /** Runs a round in the background every `intervalMs` until `stop`. */
  start(intervalMs: number): void;
  /** Stops the background runs and waits for a running round. */
  stop(): Promise<void>;
}

export function backgroundWorker(round: () => Promise<number>): BackgroundWorker {
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const runOnce = (): Promise<number> => {
    const next = (running ?? Promise.resolve(0)).catch(() => 0).then(round);
    running = next;
    return next;
  };
  return {
    runOnce,
    start(intervalMs) {
      timer ??= setInterval(() => void runOnce().catch(() => undefined), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
