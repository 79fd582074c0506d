// Records every HTTP reply in the request counter and duration histogram, labelled by route template.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../observability/metrics.js';

/** Requests that matched no route share one label, so probing random paths cannot explode the series. */
const UNMATCHED_ROUTE = 'unmatched';

export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status_code: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
    metrics.recentReplies.record(reply.statusCode);
  });
}
