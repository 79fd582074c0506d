// Prometheus metrics: one private registry per app with Node's default metrics and HTTP request metrics.
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { RecentReplies } from './recent-replies.js';

const HTTP_LABELS = ['method', 'route', 'status_code'] as const;
type HttpLabel = (typeof HTTP_LABELS)[number];

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<HttpLabel>;
  httpRequestDuration: Histogram<HttpLabel>;
  /** Replies of the last 15 minutes (the console dashboard's error rate). */
  recentReplies: RecentReplies;
}

/** A fresh registry (never prom-client's global one), so several apps can live in one process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: HTTP_LABELS,
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method, route template and status code.',
      labelNames: HTTP_LABELS,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    recentReplies: new RecentReplies(15),
  };
}
