// The hash-chained audit log on both databases: browsing, verifying, append-only triggers, concurrency, tampering, upgrade.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropAppendOnly } from '../../src/domain/audit/append-only.js';
import { verifyAuditChain } from '../../src/domain/audit/audit-chain.js';
import { recordAudit } from '../../src/domain/audit/audit-log.js';
import { domainMigrations } from '../../src/domain/schema.js';
import { migrateDatabase } from '../../src/storage/sql/migrate.js';
import { problemOf } from '../support/api-assertions.js';
import { describeApi, STORAGES } from '../support/api-suite.js';
import { ConsoleDriver } from '../support/console-driver.js';
import { openEmptyDatabase } from '../support/empty-database.js';

interface Entry {
  seq: number;
  details: Record<string, unknown>;
  actor: string;
  action: string;
  subject: string;
  hash: string;
}

describeApi('audit log', (suite) => {
  const driver = () => new ConsoleDriver(suite.test);

  it('lists every staff action newest first, filtered by actor, action or subject, in pages', async () => {
    const console = driver();
    const admin = await console.as('admin');
    const support = await console.as('support');
    const searched = await console.get('/customers?name=nobody', support);
    assert.equal(searched.statusCode, 200);
    const all = await console.ok<{ entries: Entry[]; next: number | null }>('/audit?limit=200', admin);
    const seqs = all.entries.map((e) => e.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => b - a),
      'newest first',
    );
    assert.equal(all.entries[0]?.action, 'customer.search');
    assert.equal(all.entries[0]?.actor, `staff:${support.username}`);
    assert.deepEqual(all.entries[0]?.details, { by: 'name', results: 0 });
    assert.match(all.entries[0]?.hash ?? '', /^[0-9a-f]{64}$/);
    const byActor = await console.ok<{ entries: Entry[] }>(`/audit?actor=staff:${support.username}`, admin);
    assert.deepEqual(
      byActor.entries.map((e) => e.action),
      ['customer.search', 'staff.login'],
    );
    const logins = await console.ok<{ entries: Entry[] }>('/audit?action=staff.login', admin);
    assert.ok(logins.entries.every((e) => e.action === 'staff.login'));
    const bySubject = await console.ok<{ entries: Entry[] }>(`/audit?subject=staff:${admin.username}`, admin);
    assert.deepEqual(
      bySubject.entries.map((e) => e.action),
      ['staff.login', 'staff.create'],
    );
    const first = await console.ok<{ entries: Entry[]; next: number }>('/audit?limit=2', admin);
    assert.equal(first.entries.length, 2);
    const second = await console.ok<{ entries: Entry[] }>(`/audit?limit=2&before=${first.next}`, admin);
    assert.ok((second.entries[0]?.seq ?? 0) < (first.entries[1]?.seq ?? 0));
    problemOf(await console.get('/audit?limit=0', admin), 400, 'invalid_request');
    problemOf(await console.get('/audit?before=abc', admin), 400, 'invalid_request');
  });

  it('refuses to update or delete an entry (database triggers)', async () => {
    const { db } = suite.test.platform.ctx;
    await assert.rejects(db.run("UPDATE audit_log SET actor = 'someone else'"), /append-only/);
    await assert.rejects(db.run('DELETE FROM audit_log'), /append-only/);
  });

  it('chains concurrent writers one after another: consecutive numbers, every link intact', async () => {
    const { ctx } = suite.test.platform;
    const before = await verifyAuditChain(ctx.db);
    assert.ok(before.ok);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ctx.db.transaction((tx) =>
          recordAudit(
            tx,
            { actor: 'test', action: 'test.concurrent', subject: `n:${i}`, details: { i } },
            ctx.clock(),
          ),
        ),
      ),
    );
    const after = await verifyAuditChain(ctx.db);
    assert.ok(after.ok, JSON.stringify(after));
    assert.equal(after.entries, before.entries + 40);
  });

  it('verifies the chain, and names the first entry changed behind its back', async () => {
    const console = driver();
    const admin = await console.as('admin');
    const good = await console.ok<{ ok: boolean; entries: number; brokenAt: null }>('/audit/verify', admin);
    assert.equal(good.ok, true);
    assert.equal(good.brokenAt, null);
    const { db } = suite.test.platform.ctx;
    // Someone with database access drops the trigger and rewrites an entry.
    await db.exec(dropAppendOnly(db.dialect, 'audit_log'));
    await db.run(`UPDATE audit_log SET details = '{"reason":"nothing to see"}' WHERE seq = 3`);
    const broken = await console.ok<{ ok: boolean; brokenAt: number; reason: string; entries: number }>(
      '/audit/verify',
      admin,
    );
    assert.deepEqual(
      { ok: broken.ok, brokenAt: broken.brokenAt, reason: broken.reason, entries: broken.entries },
      {
        ok: false,
        brokenAt: 3,
        reason: 'hash_mismatch',
        entries: 2,
      },
    );
    await db.run('DELETE FROM audit_log WHERE seq = 2');
    const gap = await console.ok<{ brokenAt: number; reason: string }>('/audit/verify', admin);
    assert.deepEqual([gap.brokenAt, gap.reason], [2, 'gap']);
  });
});

for (const storage of STORAGES) {
  describe(`audit log upgrade (${storage})`, () => {
    it('chains the entries written before migration 7, oldest first, and keeps them append-only', async () => {
      const { db, drop } = await openEmptyDatabase(storage);
      try {
        await migrateDatabase(
          db,
          domainMigrations.filter((m) => m.version < 7),
        );
        for (const [i, at] of [300, 100, 200].entries()) {
          await db.run(
            `INSERT INTO audit_log (id, at, actor, action, subject, details) VALUES ($1, $2, 'cli:root', 'old', 's', '{}')`,
            [`aud_old${i}`, BigInt(at)],
          );
        }
        assert.deepEqual(
          await migrateDatabase(
            db,
            domainMigrations.filter((m) => m.version <= 7),
          ),
          [7],
        );
        const rows = await db.all<{ id: string; seq: bigint }>('SELECT id, seq FROM audit_log ORDER BY seq');
        assert.deepEqual(
          rows.map((r) => [r.id, Number(r.seq)]),
          [
            ['aud_old1', 1],
            ['aud_old2', 2],
            ['aud_old0', 3],
          ],
        );
        await db.transaction((tx) =>
          recordAudit(tx, { actor: 'a', action: 'new', subject: 's', details: {} }, 400),
        );
        const verdict = await verifyAuditChain(db);
        assert.ok(verdict.ok, JSON.stringify(verdict));
        assert.equal(verdict.entries, 4);
        await assert.rejects(db.run("UPDATE audit_log SET actor = 'x'"), /append-only/);
        await assert.rejects(db.run('DELETE FROM audit_log'), /append-only/);
      } finally {
        await db.close();
        await drop();
      }
    });
  });
}
