// USSD sessions in the database (table ussd_sessions), so that any server process can continue one.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { SessionState } from './ussd-state.js';

/** What a session row's `state` column holds: the payment key prefix and the menus' state (null once ended). */
export interface SessionData {
  key: string;
  menus: SessionState | null;
}

export interface UssdSession {
  sessionId: string;
  phone: string;
  data: SessionData;
  inputsSeen: number;
  /** Keyed hash of the last request (session id and text): a gateway retry gets `lastReply` again. */
  lastRequestHash: Buffer;
  lastReply: string;
  updatedAt: number;
  expiresAt: number;
}

interface Row {
  [column: string]: unknown;
  session_id: string;
  phone: string;
  state: string;
  inputs_seen: bigint;
  last_request_hash: Buffer | null;
  last_reply: string | null;
  updated_at: bigint;
  expires_at: bigint;
}

export async function findSession(db: SqlExecutor, sessionId: string): Promise<UssdSession | undefined> {
  const row = await db.get<Row>(
    `SELECT session_id, phone, state, inputs_seen, last_request_hash, last_reply, updated_at, expires_at
     FROM ussd_sessions WHERE session_id = $1`,
    [sessionId],
  );
  if (!row) return undefined;
  return {
    sessionId: row.session_id,
    phone: row.phone,
    // Written only by saveSession below.
    data: JSON.parse(row.state) as SessionData,
    inputsSeen: Number(row.inputs_seen),
    lastRequestHash: row.last_request_hash ?? Buffer.alloc(0),
    lastReply: row.last_reply ?? '',
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

/**
 * Stores the session if nobody else moved it on since `previous` was read (or, for a new one, created
 * it meanwhile); false when someone did.
 */
export async function saveSession(
  db: SqlExecutor,
  session: UssdSession,
  previous: UssdSession | undefined,
): Promise<boolean> {
  const values = [
    session.sessionId,
    session.phone,
    JSON.stringify(session.data),
    BigInt(session.inputsSeen),
    session.lastRequestHash,
    session.lastReply,
    BigInt(session.updatedAt),
    BigInt(session.expiresAt),
  ];
  if (!previous) {
    const inserted = await db.run(
      `INSERT INTO ussd_sessions
         (session_id, phone, state, inputs_seen, last_request_hash, last_reply, updated_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_id) DO NOTHING`,
      values,
    );
    return inserted === 1;
  }
  const updated = await db.run(
    `UPDATE ussd_sessions SET phone = $2, state = $3, inputs_seen = $4, last_request_hash = $5,
       last_reply = $6, updated_at = $7, expires_at = $8
     WHERE session_id = $1 AND inputs_seen = $9 AND last_request_hash = $10`,
    [...values, BigInt(previous.inputsSeen), previous.lastRequestHash],
  );
  return updated === 1;
}

/** Forgets sessions that expired before `before`. */
export async function purgeSessions(db: SqlExecutor, before: number): Promise<void> {
  await db.run('DELETE FROM ussd_sessions WHERE expires_at < $1', [BigInt(before)]);
}
