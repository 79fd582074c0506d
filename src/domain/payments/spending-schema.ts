// Migration 15: each customer's spending per UTC day, kept by triggers, so limit checks read a year in a few rows.
import type { SqlMigration } from '../../storage/sql/migrate.js';
import {
  forRow,
  SPENDING_SOURCES,
  type SpendingSource,
  spendingRows,
  UTC_DAY_MS,
} from './spending-sources.js';

/**
 * Adds (sign +) or takes back (sign -) one row's spending in its customer's daily total. A table rebuilt by a later
 * SQLite migration loses its triggers: such a migration must create them again.
 */
function addToDay(source: SpendingSource, row: 'NEW' | 'OLD', sign: '' | '-'): string {
  const total = forRow(source.total, row);
  return `INSERT INTO spending_days (customer_id, day, total, password_free)
    VALUES (${row}.customer_id, ${row}.created_at / ${UTC_DAY_MS}, ${sign}(${total}),
      ${sign}(CASE WHEN ${forRow(source.passwordFree, row)} THEN ${total} ELSE 0 END))
    ON CONFLICT (customer_id, day) DO UPDATE SET total = spending_days.total + excluded.total,
      password_free = spending_days.password_free + excluded.password_free`;
}

function sqliteTriggers(source: SpendingSource): string {
  const { table } = source;
  const before = `(${forRow(source.counts, 'OLD')})`;
  const after = `(${forRow(source.counts, 'NEW')})`;
  return `
CREATE TRIGGER ${table}_spending_added AFTER INSERT ON ${table} WHEN ${after}
BEGIN ${addToDay(source, 'NEW', '')}; END;
CREATE TRIGGER ${table}_spending_started AFTER UPDATE OF status ON ${table} WHEN NOT ${before} AND ${after}
BEGIN ${addToDay(source, 'NEW', '')}; END;
CREATE TRIGGER ${table}_spending_ended AFTER UPDATE OF status ON ${table} WHEN ${before} AND NOT ${after}
BEGIN ${addToDay(source, 'OLD', '-')}; END;`;
}

function postgresTriggers(source: SpendingSource): string {
  const { table } = source;
  const before = `(${forRow(source.counts, 'OLD')})`;
  const after = `(${forRow(source.counts, 'NEW')})`;
  return `
CREATE FUNCTION ${table}_spending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF ${after} THEN ${addToDay(source, 'NEW', '')}; END IF;
  ELSIF NOT ${before} AND ${after} THEN
    ${addToDay(source, 'NEW', '')};
  ELSIF ${before} AND NOT ${after} THEN
    ${addToDay(source, 'OLD', '-')};
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ${table}_spending AFTER INSERT OR UPDATE OF status ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${table}_spending();`;
}

const TABLE = `
CREATE TABLE spending_days (
  customer_id text NOT NULL,
  day bigint NOT NULL,
  total bigint NOT NULL,
  password_free bigint NOT NULL,
  PRIMARY KEY (customer_id, day)
)`;

export const spendingMigration: SqlMigration = {
  version: 15,
  name: "each customer's spending per UTC day, kept by triggers",
  script: {
    sqlite: `${TABLE} WITHOUT ROWID;${SPENDING_SOURCES.map(sqliteTriggers).join('')}`,
    postgres: `${TABLE};${SPENDING_SOURCES.map(postgresTriggers).join('')}`,
  },
  async after(tx) {
    const day = `created_at / ${UTC_DAY_MS}`;
    await tx.run(
      `INSERT INTO spending_days (customer_id, day, total, password_free)
       SELECT customer_id, ${day}, sum(total), sum(password_free) FROM (${spendingRows('1 = 1')}) AS spent
       GROUP BY customer_id, ${day}`,
    );
  },
};
