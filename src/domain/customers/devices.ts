// The devices a customer's wallet is bound to: listing them and unbinding one (its sessions end with it).
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';

export interface Device {
  id: string;
  name: string;
  boundAt: number;
  lastSeenAt: number;
  current: boolean;
}

/** The bound (not revoked) device with this client-chosen key, if any. */
export async function findBoundDevice(
  tx: SqlExecutor,
  customerId: string,
  deviceKey: string,
): Promise<{ id: string } | undefined> {
  return tx.get<{ id: string }>(
    'SELECT id FROM devices WHERE customer_id = $1 AND device_key = $2 AND revoked_at IS NULL',
    [customerId, deviceKey],
  );
}

/** Binds a device (a revoked one may be bound again as a new device); returns its id. */
export async function bindDevice(
  ctx: DomainContext,
  tx: SqlExecutor,
  device: { customerId: string; key: string; name: string; boundBy: 'registration' | 'sms_code' },
): Promise<string> {
  const now = BigInt(ctx.clock());
  const id = newId('dev');
  await tx.run(
    `INSERT INTO devices (id, customer_id, device_key, name, bound_by, bound_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [id, device.customerId, device.key, device.name, device.boundBy, now],
  );
  return id;
}

interface DeviceRow {
  [column: string]: unknown;
  id: string;
  name: string;
  bound_at: bigint;
  last_seen_at: bigint;
}

export async function listDevices(
  ctx: DomainContext,
  customerId: string,
  currentDeviceId: string,
): Promise<Device[]> {
  const rows = await ctx.db.all<DeviceRow>(
    'SELECT id, name, bound_at, last_seen_at FROM devices WHERE customer_id = $1 AND revoked_at IS NULL ORDER BY bound_at',
    [customerId],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    boundAt: Number(row.bound_at),
    lastSeenAt: Number(row.last_seen_at),
    current: row.id === currentDeviceId,
  }));
}

/** Unbinds one of the customer's own devices and ends its sessions; 'not_found' for anyone else's. */
export async function revokeDevice(
  ctx: DomainContext,
  customerId: string,
  deviceId: string,
): Promise<'ok' | 'device_not_found'> {
  const now = BigInt(ctx.clock());
  return ctx.db.transaction(async (tx) => {
    const changed = await tx.run(
      'UPDATE devices SET revoked_at = $1 WHERE id = $2 AND customer_id = $3 AND revoked_at IS NULL',
      [now, deviceId, customerId],
    );
    if (changed === 0) return 'device_not_found';
    await tx.run('UPDATE sessions SET revoked_at = $1 WHERE device_id = $2 AND revoked_at IS NULL', [
      now,
      deviceId,
    ]);
    return 'ok';
  });
}
