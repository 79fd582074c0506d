// Starts and stops the real server in-process, on a fresh SQLite file and on a fresh PostgreSQL database.
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FreshStore, freshStore, STORE_KINDS } from '../test/ledger/test-stores.js';
import { loadConfig } from './config.js';
import { createLogger } from './observability/logger.js';
import { type RunningServer, readPackageVersion, startServer } from './server.js';

for (const kind of STORE_KINDS) {
  describe(`startServer on ${kind}`, () => {
    let dataDir: string;
    let store: FreshStore;
    let server: RunningServer;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'mwallet-server-'));
      store = await freshStore(kind);
      const result = loadConfig({ MWALLET_DATA_DIR: join(dataDir, 'data') });
      assert.ok(result.ok);
      server = await startServer({ ...result.config, storage: store.spec, port: 0 }, createLogger('silent'));
    });

    after(async () => {
      await server.close();
      await store.remove();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('listens on the configured host and reports its URL', () => {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('is ready once the database is migrated', async () => {
      const reply = await fetch(`${server.url}/readyz`);
      assert.equal(reply.status, 200);
      assert.deepEqual(await reply.json(), { status: 'ready' });
    });

    it('generates the secret key in the data directory, which it creates', async () => {
      assert.equal((await stat(join(dataDir, 'data', 'secret.key'))).mode & 0o777, 0o600);
    });

    it('puts the package version in the OpenAPI document', async () => {
      const reply = await fetch(`${server.url}/openapi.json`);
      const document = (await reply.json()) as { info: { version: string } };
      assert.equal(document.info.version, await readPackageVersion());
    });

    it('exposes the ledger metrics beside the HTTP ones', async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      assert.match(text, /^ledger_queue_items 0$/m);
      assert.match(text, /^# TYPE ledger_commits_total counter$/m);
    });

    it("counts the domain database's statements and write transactions (the demo data loaded at start ran some)", async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      assert.ok(value('sql_statements_total') > 0, text);
      assert.ok(value('sql_transactions_total') > 0, text);
      assert.ok(value('sql_statements_total') > value('sql_transactions_total'));
    });

    it('stops listening on close, and close can be called twice', async () => {
      await Promise.all([server.close(), server.close()]);
      await assert.rejects(fetch(`${server.url}/healthz`));
    });
  });
}
