// `mwallet bench` (API part): P2P and merchant payments/s over HTTP beside a trivial echo route of the same server.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/support/free-port.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../observability/logger.js';
import { openRuntime } from '../runtime.js';
import { openDatabase } from '../storage/sql/open-database.js';
import { createBenchPayers } from './api-fixture.js';
import { type LoadFigures, runLoad } from './http-load.js';
import { createBenchMerchants } from './merchant-fixture.js';

export interface ApiBenchScale {
  payers: number;
  seconds: number;
  connections: number;
}

export interface ApiFigures {
  p2p_tps: number;
  p2p_p50_ms: number;
  p2p_p99_ms: number;
  p2p_failed: number;
  echo_rps: number;
  echo_p50_ms: number;
  echo_p99_ms: number;
  p2p_over_echo: number;
  /** Statements and write transactions of the domain database per P2P payment (background jobs included). */
  p2p_sql_statements: number;
  p2p_sql_transactions: number;
  /** Completed payments in the database after the server stopped: the 2xx replies, plus those in flight when the load stopped. */
  payments_recorded: number;
  merchant: MerchantFigures;
}

/** Merchant payments (static QR, password-free) spread over many merchants, and with half to one merchant. */
export interface MerchantFigures {
  uniform_tps: number;
  hot_tps: number;
  hot_over_uniform: number;
  uniform_p99_ms: number;
  hot_p99_ms: number;
  failed: number;
  /** Completed merchant payments in the database after the server stopped (as payments_recorded). */
  payments_recorded: number;
}

/** How many merchants the payments spread over. */
const BENCH_MERCHANTS = 50;

const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

/** The server's domain-database counters, read from its /metrics. */
async function sqlCounters(url: string): Promise<{ statements: number; transactions: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { statements: value('sql_statements_total'), transactions: value('sql_transactions_total') };
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`the bench server exited with ${server.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bench server did not become ready');
}

/** `databaseUrl` runs the server on PostgreSQL; otherwise on a SQLite file in `work`. */
export async function runApiBench(
  work: string,
  scale: ApiBenchScale,
  say: (line: string) => void,
  databaseUrl?: string,
): Promise<ApiFigures> {
  const port = await freePort();
  const env: Record<string, string> = {
    MWALLET_DB: join(work, 'api.db'),
    DATABASE_URL: databaseUrl ?? '',
    MWALLET_SECRET_KEY: randomBytes(32).toString('hex'),
    MWALLET_RATE_LIMIT: '0',
    MWALLET_PAYMENTS_PER_HOUR: '1000000',
    MWALLET_DEMO: '0',
    MWALLET_BENCH_ECHO: '1',
    LOG_LEVEL: 'warn',
    PORT: String(port),
  };
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  say(`  creating ${scale.payers} funded customers with sessions…`);
  const runtime = await openRuntime(loaded.config, createLogger('silent'));
  const { payers, shops } = await (async () => ({
    payers: await createBenchPayers(runtime.platform.ctx, scale.payers),
    shops: await createBenchMerchants(runtime.platform.ctx, BENCH_MERCHANTS),
  }))().finally(() => runtime.close());

  // The server's log (warnings and errors) goes to a file: a failed request's cause is printed from it.
  const logPath = join(work, `server-${port}.log`);
  const log = openSync(logPath, 'w');
  const server = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let echo: LoadFigures;
  let p2p: LoadFigures;
  let p2pSql = { statements: 0, transactions: 0 };
  let uniform: LoadFigures;
  let hot: LoadFigures;
  try {
    await waitUntilReady(url, server);
    const body = (n: number) => {
      const payer = payers[n % payers.length];
      if (!payer) throw new Error('no bench payers');
      return { payer, body: JSON.stringify({ to: payer.payee, amount: '0.01' }) };
    };
    echo = await runLoad({
      url,
      path: '/bench/echo',
      seconds: scale.seconds,
      connections: scale.connections,
      request: (n) => ({ headers: {}, body: body(n).body }),
    });
    say(`  echo route: ${echo.rps} requests/s, p50 ${echo.p50_ms} ms, p99 ${echo.p99_ms} ms`);
    const sqlBefore = await sqlCounters(url);
    p2p = await runLoad({
      url,
      path: '/api/v1/p2p/transfers',
      seconds: scale.seconds,
      connections: scale.connections,
      request: (n) => {
        const next = body(n);
        return {
          headers: { authorization: `Bearer ${next.payer.token}`, 'idempotency-key': `bench-${n}` },
          body: next.body,
        };
      },
    });
    const sqlAfter = await sqlCounters(url);
    const perPayment = (n: number) => Number((n / Math.max(1, p2p.ok)).toFixed(1));
    p2pSql = {
      statements: perPayment(sqlAfter.statements - sqlBefore.statements),
      transactions: perPayment(sqlAfter.transactions - sqlBefore.transactions),
    };
    say(
      `  P2P payments (password-free, durable): ${p2p.rps} payments/s, p50 ${p2p.p50_ms} ms, p99 ${p2p.p99_ms} ms, ${p2p.failed} failed${p2p.failed > 0 ? ` ${JSON.stringify(p2p.failures)}` : ''}`,
    );
    say(
      `  per P2P payment: ${p2pSql.statements} SQL statements in ${p2pSql.transactions} write transactions (background jobs included)`,
    );
    // Half of the hot run's payments go to shop 0; the other half spread like the uniform run.
    const shopPayment = (hotShare: boolean) => (n: number) => {
      const payer = payers[n % payers.length];
      const shop = shops[hotShare && n % 2 === 0 ? 0 : n % shops.length];
      if (!payer || !shop) throw new Error('no bench payers or merchants');
      return {
        headers: { authorization: `Bearer ${payer.token}`, 'idempotency-key': `bench-shop-${hotShare}-${n}` },
        body: JSON.stringify({ payload: shop, amount: '0.01' }),
      };
    };
    const load = {
      url,
      path: '/api/v1/merchant-payments',
      seconds: scale.seconds,
      connections: scale.connections,
    };
    uniform = await runLoad({ ...load, request: shopPayment(false) });
    say(
      `  merchant payments over ${shops.length} merchants: ${uniform.rps}/s, p99 ${uniform.p99_ms} ms, ${uniform.failed} failed`,
    );
    hot = await runLoad({ ...load, request: shopPayment(true) });
    say(
      `  merchant payments, half to one merchant: ${hot.rps}/s, p99 ${hot.p99_ms} ms, ${hot.failed} failed`,
    );
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
    closeSync(log);
  }
  const errors = readFileSync(logPath, 'utf8')
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line));
  if (errors.length > 0) say(`  server errors: ${errors.length}; the first: ${errors[0]?.slice(0, 2000)}`);
  const db = openDatabase(loaded.config.storage);
  const count = async (sql: string) => Number((await db.get<{ n: bigint }>(sql))?.n ?? 0n);
  const [recorded, shopRecorded] = await Promise.all([
    count("SELECT count(*) AS n FROM payments WHERE status = 'completed' AND note <> 'bench setup'"),
    count("SELECT count(*) AS n FROM merchant_payments WHERE status = 'completed'"),
  ]).finally(() => db.close());
  say(`  completed merchant payments after shutdown: ${shopRecorded} (2xx replies: ${uniform.ok + hot.ok})`);
  say(`  completed payments in the database after shutdown: ${recorded} (2xx replies: ${p2p.ok})`);
  return {
    p2p_tps: p2p.rps,
    p2p_p50_ms: p2p.p50_ms,
    p2p_p99_ms: p2p.p99_ms,
    p2p_failed: p2p.failed,
    echo_rps: echo.rps,
    echo_p50_ms: echo.p50_ms,
    echo_p99_ms: echo.p99_ms,
    p2p_over_echo: Number((p2p.rps / echo.rps).toFixed(2)),
    p2p_sql_statements: p2pSql.statements,
    p2p_sql_transactions: p2pSql.transactions,
    payments_recorded: recorded,
    merchant: {
      uniform_tps: uniform.rps,
      hot_tps: hot.rps,
      hot_over_uniform: Number((hot.rps / uniform.rps).toFixed(2)),
      uniform_p99_ms: uniform.p99_ms,
      hot_p99_ms: hot.p99_ms,
      failed: uniform.failed + hot.failed,
      payments_recorded: shopRecorded,
    },
  };
}
