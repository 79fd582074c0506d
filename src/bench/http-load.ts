// Drives HTTP load with autocannon for a fixed time and reduces its report to the figures we print.
import autocannon from 'autocannon';

export interface LoadFigures {
  /** Successful (2xx) replies per second. */
  rps: number;
  p50_ms: number;
  p99_ms: number;
  ok: number;
  failed: number;
  /** What the failures were: HTTP statuses, connection errors, timeouts. */
  failures: Record<string, number>;
}

export interface LoadSpec {
  url: string;
  path: string;
  seconds: number;
  connections: number;
  /** The headers and JSON body of the n-th request. */
  request: (n: number) => { headers: Record<string, string>; body: string };
}

export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  let n = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        method: 'POST',
        path: spec.path,
        setupRequest: (request) => {
          const next = spec.request(n++);
          return {
            ...request,
            headers: { 'content-type': 'application/json', ...next.headers },
            body: next.body,
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors + result.timeouts;
  const failures: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
    if (!status.startsWith('2') && stats.count) failures[`HTTP ${status}`] = stats.count;
  }
  if (result.errors > 0) failures['connection errors'] = result.errors;
  if (result.timeouts > 0) failures.timeouts = result.timeouts;
  return {
    rps: Math.round(ok / spec.seconds),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    ok,
    failed,
    failures,
  };
}
