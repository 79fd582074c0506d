// Runs `mwallet staff create | disable | reset-password | list` as real processes on a SQLite file; demo mode brings the demo staff.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mwallet } from '../support/cli.js';

describe('mwallet staff', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwallet-staff-'));
    env = { MWALLET_DB: join(dir, 'mwallet.db'), DATABASE_URL: '', LOG_LEVEL: 'warn' };
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** `mwallet --json staff create` with one --role per role. */
  const create = (username: string, name: string, ...roles: string[]) =>
    mwallet(
      env,
      '--json',
      'staff',
      'create',
      '--username',
      username,
      '--name',
      name,
      ...roles.flatMap((r) => ['--role', r]),
    );

  it('creates an account with several roles and shows its initial password and TOTP secret once', async () => {
    const created = await create('lina', 'Lina Wu', 'support', 'risk');
    assert.equal(created.code, 0, created.stderr);
    const body = JSON.parse(created.stdout) as {
      username: string;
      roles: string[];
      initialPassword: string;
      totpSecret: string;
      totpUri: string;
    };
    assert.deepEqual(body.roles, ['support', 'risk']);
    assert.ok(body.initialPassword.length >= 16);
    assert.match(body.totpSecret, /^[A-Z2-7]{32}$/);
    assert.match(body.totpUri, new RegExp(`^otpauth://totp/.*lina\\?.*secret=${body.totpSecret}`));
    const text = await mwallet(
      env,
      'staff',
      'create',
      '--username',
      'omar',
      '--name',
      'Omar',
      '--role',
      'finance',
    );
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /initial password: \S{16}\n {2}TOTP secret: {6}[A-Z2-7]{32}\n {2}authenticator: {4}otpauth:\/\//,
    );
  });

  it('refuses a taken username, an unknown role and a bad username with exit status 1', async () => {
    const taken = await create('lina', 'L', 'admin');
    assert.equal(taken.code, 1);
    assert.equal(JSON.parse(taken.stderr).error, 'staff_exists');
    const role = await create('zed', 'Z', 'boss');
    assert.equal(JSON.parse(role.stderr).error, 'invalid_roles');
    const name = await create('X!', 'Z', 'admin');
    assert.equal(JSON.parse(name.stderr).error, 'invalid_username');
  });

  it('disables an account (twice is harmless) and lists accounts with their status', async () => {
    const disabled = await mwallet(env, 'staff', 'disable', 'omar');
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.equal((await mwallet(env, 'staff', 'disable', 'omar')).code, 0);
    const unknown = await mwallet(env, '--json', 'staff', 'disable', 'nobody');
    assert.equal(JSON.parse(unknown.stderr).error, 'staff_not_found');
    const listed = await mwallet(env, '--json', 'staff', 'list');
    const { staff } = JSON.parse(listed.stdout) as { staff: { username: string; status: string }[] };
    assert.deepEqual(
      staff.map((s) => [s.username, s.status]),
      [
        ['lina', 'active'],
        ['omar', 'disabled'],
      ],
    );
  });

  it('loads the demo staff with their known credentials in demo mode', async () => {
    const demo = await mwallet(env, '--json', 'demo');
    assert.equal(demo.code, 0, demo.stderr);
    const { staff } = JSON.parse(demo.stdout) as { staff: { username: string; roles: string[] }[] };
    assert.deepEqual(
      staff.map((s) => s.username),
      ['admin', 'finance1', 'finance2', 'support1', 'risk1'],
    );
  });

  it('resets a password: a new one-time password printed once, to be replaced at the next login', async () => {
    const text = await mwallet(env, 'staff', 'reset-password', 'finance1');
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /one-time password: \S{16}\n?$/);
    const reset = await mwallet(env, '--json', 'staff', 'reset-password', 'admin');
    const { oneTimePassword } = JSON.parse(reset.stdout) as { oneTimePassword: string };
    assert.ok(oneTimePassword.length >= 16 && !text.stdout.includes(oneTimePassword), 'a new one each time');
    const listed = await mwallet(env, '--json', 'staff', 'list');
    const { staff } = JSON.parse(listed.stdout) as {
      staff: { username: string; passwordChangeRequired: boolean }[];
    };
    assert.deepEqual(
      staff.filter((s) => s.passwordChangeRequired).map((s) => s.username),
      ['admin', 'finance1', 'lina', 'omar'],
      'demo staff keep their known passwords; the reset ones and those made here must choose their own',
    );
    const unknown = await mwallet(env, '--json', 'staff', 'reset-password', 'nobody');
    assert.equal(unknown.code, 1);
    assert.equal(JSON.parse(unknown.stderr).error, 'staff_not_found');
    const disabled = await mwallet(env, '--json', 'staff', 'reset-password', 'omar');
    assert.equal(JSON.parse(disabled.stderr).error, 'staff_disabled');
  });
});
