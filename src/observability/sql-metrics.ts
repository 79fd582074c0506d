// Prometheus counters of the domain database: statements sent and write transactions run (round trips on PostgreSQL).
import { Counter, type Registry } from 'prom-client';
import type { SqlCounters } from '../storage/sql/counted-database.js';

export function registerSqlMetrics(registry: Registry): SqlCounters {
  const statements = new Counter({
    name: 'sql_statements_total',
    help: 'Statements the domain sent to its database (BEGIN and COMMIT not included).',
    registers: [registry],
  });
  const transactions = new Counter({
    name: 'sql_transactions_total',
    help: 'Write transactions the domain ran on its database (each attempt of a retried one).',
    registers: [registry],
  });
  return { statement: () => statements.inc(), transaction: () => transactions.inc() };
}
