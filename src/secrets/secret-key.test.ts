// Tests of the master secret: generation on first start, reuse, the environment's precedence, redaction.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { loadSecretKey, SECRET_KEY_FILE, SecretKey } from './secret-key.js';

const HEX = '0123456789abcdef'.repeat(4);

describe('loadSecretKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwallet-secret-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a 32-byte hex key with mode 0600 on first start and reuses it afterwards', async () => {
    const first = await loadSecretKey(dir, undefined);
    const path = join(dir, SECRET_KEY_FILE);
    assert.equal(first.source, 'generated');
    assert.equal(first.path, path);
    assert.match(await readFile(path, 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.equal((await stat(path)).mode & 0o777, 0o600);

    const second = await loadSecretKey(dir, undefined);
    assert.equal(second.source, 'file');
    assert.deepEqual(second.key.derive('pin-pepper'), first.key.derive('pin-pepper'));
  });

  it('prefers the environment and then writes no file', async () => {
    const fromEnv = SecretKey.fromHex(HEX);
    const loaded = await loadSecretKey(dir, fromEnv);
    assert.equal(loaded.source, 'env');
    assert.equal(loaded.key, fromEnv);
    await assert.rejects(stat(join(dir, SECRET_KEY_FILE)), { code: 'ENOENT' });
  });

  it('refuses a damaged key file instead of replacing it', async () => {
    await writeFile(join(dir, SECRET_KEY_FILE), 'not a key\n');
    await assert.rejects(loadSecretKey(dir, undefined), /does not hold a 64-character hexadecimal key/);
    assert.equal(await readFile(join(dir, SECRET_KEY_FILE), 'utf8'), 'not a key\n');
  });

  it('gives the same key to concurrent first starts, and leaves no draft file behind', async () => {
    for (let round = 0; round < 50; round++) {
      const roundDir = join(dir, `round-${round}`);
      await mkdir(roundDir);
      const loaded = await Promise.all([1, 2, 3, 4].map(() => loadSecretKey(roundDir, undefined)));
      const keys = new Set(loaded.map((each) => each.key.derive('x').toString('hex')));
      assert.equal(keys.size, 1, `round ${round}: ${keys.size} different keys`);
      assert.equal(loaded.filter((each) => each.source === 'generated').length, 1);
      assert.deepEqual(await readdir(roundDir), [SECRET_KEY_FILE]);
    }
  });
});

describe('SecretKey', () => {
  it('parses exactly 64 hex characters', () => {
    assert.ok(SecretKey.fromHex(` ${HEX.toUpperCase()}\n`));
    assert.equal(SecretKey.fromHex(HEX.slice(1)), undefined);
    assert.equal(SecretKey.fromHex(`${HEX.slice(1)}g`), undefined);
  });

  it('derives distinct 32-byte keys per purpose, deterministically', () => {
    const key = SecretKey.fromHex(HEX);
    assert.ok(key);
    const pepper = key.derive('pin-pepper');
    assert.equal(pepper.length, 32);
    assert.deepEqual(SecretKey.fromHex(HEX)?.derive('pin-pepper'), pepper);
    assert.notDeepEqual(key.derive('webhook-signing'), pepper);
  });

  it('never prints its bytes', () => {
    const key = SecretKey.generate();
    const printed = [JSON.stringify({ key }), inspect({ key }), `${key}`, String(key)].join(' ');
    assert.doesNotMatch(printed, /[0-9a-f]{16}/);
    assert.match(printed, /redacted/);
  });
});
