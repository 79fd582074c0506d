// Database triggers that make a table append-only: UPDATE and DELETE (and TRUNCATE on PostgreSQL) are refused.

export function sqliteAppendOnly(table: string): string {
  return `
CREATE TRIGGER ${table}_is_append_only BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
CREATE TRIGGER ${table}_is_never_deleted BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`;
}

export function postgresAppendOnly(table: string): string {
  return `
CREATE OR REPLACE FUNCTION mw_refuse_${table}_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '${table} is append-only'; END $$;
CREATE TRIGGER ${table}_is_append_only BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION mw_refuse_${table}_change();
CREATE TRIGGER ${table}_is_never_truncated BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION mw_refuse_${table}_change();`;
}

/** Drops the triggers (a migration that must rewrite old rows once, then adds them back). */
export function dropAppendOnly(dialect: 'sqlite' | 'postgres', table: string): string {
  if (dialect === 'sqlite') {
    return `DROP TRIGGER ${table}_is_append_only; DROP TRIGGER ${table}_is_never_deleted;`;
  }
  return `DROP TRIGGER ${table}_is_append_only ON ${table};
DROP TRIGGER IF EXISTS ${table}_is_never_truncated ON ${table};`;
}

export function appendOnly(dialect: 'sqlite' | 'postgres', table: string): string {
  return dialect === 'sqlite' ? sqliteAppendOnly(table) : postgresAppendOnly(table);
}
