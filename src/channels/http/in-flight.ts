// Counts the requests whose handlers are running, so a shutdown can wait for them before closing the databases.
import type { FastifyInstance } from 'fastify';

export interface InFlight {
  /** Resolves when no handler is running (or after `timeoutMs`, returning how many still were). */
  drained(timeoutMs: number): Promise<number>;
}

/**
 * A handler may still be running when its client's connection is closed by the shutdown: it keeps using the
 * databases until it answers. Counted from the first preHandler to onSend (which runs whether or not the
 * socket is still there), for every route of the app.
 */
export function trackInFlight(app: FastifyInstance): InFlight {
  let running = 0;
  const counted = new WeakSet<object>();
  app.addHook('preHandler', async (request) => {
    if (counted.has(request)) return;
    counted.add(request);
    running++;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (counted.has(request)) {
      counted.delete(request);
      running--;
    }
    return payload;
  });
  return {
    async drained(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return running;
    },
  };
}
