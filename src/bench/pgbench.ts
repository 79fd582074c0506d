// Runs PostgreSQL's own pgbench (built-in TPC-B-like script) against a database, as the yardstick for our figures.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function pgbenchTpcbTps(
  binDir: string,
  url: string,
  seconds: number,
  clients = 8,
): Promise<number> {
  const u = new URL(url);
  // A `host` parameter (a Unix-socket directory) overrides the URL's host, as in libpq.
  const host = u.searchParams.get('host') ?? u.hostname;
  const port = u.searchParams.get('port') ?? (u.port || '5432');
  const connection = ['-h', host, '-p', port, '-U', decodeURIComponent(u.username)];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const db = u.pathname.slice(1);
  const pgbench = join(binDir, 'pgbench');
  await run(pgbench, ['-i', '-q', '-s', '10', ...connection, db], { env });
  const { stdout } = await run(
    pgbench,
    ['-b', 'tpcb-like', '-n', '-c', String(clients), '-j', '2', '-T', String(seconds), ...connection, db],
    { env },
  );
  const match = /tps = ([0-9.]+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`could not read pgbench output:\n${stdout}`);
  return Math.round(Number(match[1]));
}
