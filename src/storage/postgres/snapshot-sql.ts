// SQL fragments shared by the ledger's snapshot function (each version) and its queries: the ids read, the JSON rows returned.

/**
 * The transfers asked for, then every account a batch may read: those asked for, the cache's when stale, and the
 * parties of the transfers read and of those due (CTEs that follow meta and due).
 */
export const WANTED = `wanted_transfers AS (
    SELECT * FROM transfers WHERE id = ANY(p_transfers)
  ), wanted_accounts AS (
    SELECT unnest(p_accounts) AS id
    UNION SELECT unnest(p_cached) FROM meta WHERE meta.last_timestamp IS DISTINCT FROM p_cached_version
    UNION SELECT debit_account_id FROM wanted_transfers UNION SELECT credit_account_id FROM wanted_transfers
    UNION SELECT debit_account_id FROM due UNION SELECT credit_account_id FROM due
  )`;

/** The ledger's version and expiry watermark, and the earliest timestamp this batch can take. */
export const META = `SELECT last_timestamp, expiry_watermark,
      greatest(p_now, last_timestamp + 1) AS base FROM ledger_meta WHERE id = 1`;

/** The snapshot's version fields and the outcomes of the transfers read. */
export const VERSION_AND_OUTCOMES = `'last', (SELECT last_timestamp::text FROM meta),
    'watermark', (SELECT expiry_watermark::text FROM meta),
    'outcomes', (SELECT coalesce(json_agg(json_build_array(o.pending_id, o.state)), '[]')
      FROM pending_outcomes o WHERE o.pending_id = ANY(p_transfers))`;

/** An account row of alias `a` as a JSON array (bigints as text). */
export const ACCOUNT_JSON = `json_build_array(a.id, a.ledger, a.code, a.flags, a.user_data_128,
        a.user_data_64::text, a.user_data_32, a.debits_pending::text, a.debits_posted::text,
        a.credits_pending::text, a.credits_posted::text, a.timestamp::text)`;

/** A transfer row of alias `t` as a JSON array (bigints as text). */
export const TRANSFER_JSON = `json_build_array(t.id, t.debit_account_id, t.credit_account_id,
        t.amount::text, t.pending_id, t.user_data_128, t.user_data_64::text, t.user_data_32, t.timeout, t.ledger,
        t.code, t.flags, t.timestamp::text)`;
