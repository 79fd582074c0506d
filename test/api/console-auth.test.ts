// Console sign-in over HTTP on both databases: password + TOTP, one 401 for every wrong factor, replay, lockout, roles.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { disableStaff, resetStaffPassword } from '../../src/domain/staff/staff-accounts.js';
import { LOGIN_LOCKOUT_MS, MAX_FAILED_LOGINS } from '../../src/domain/staff/staff-login.js';
import { STAFF_IDLE_TIMEOUT_MS } from '../../src/domain/staff/staff-sessions.js';
import { totpCode } from '../../src/domain/staff/totp.js';
import { problemOf } from '../support/api-assertions.js';
import { describeApi } from '../support/api-suite.js';
import { ConsoleDriver, type LoggedIn, type TestStaff } from '../support/console-driver.js';

describeApi('console sign-in', (suite) => {
  const driver = () => new ConsoleDriver(suite.test);

  /** The one answer for every failed login: the same status, code and text, whatever was wrong. */
  function refusedLogin(reply: Awaited<ReturnType<ConsoleDriver['login']>>): string {
    problemOf(reply, 401, 'invalid_staff_credentials');
    return reply.json<{ detail: string }>().detail;
  }

  async function lastFailure(staff: TestStaff): Promise<string | undefined> {
    const row = await suite.test.platform.ctx.db.get<{ details: string }>(
      `SELECT details FROM audit_log WHERE actor = $1 AND action = 'staff.login_failed' ORDER BY seq DESC LIMIT 1`,
      [`staff:${staff.username}`],
    );
    return row && (JSON.parse(row.details) as { reason: string }).reason;
  }

  /**
   * A session on a generated password: /me says so and other routes answer 403 until the staff member chooses
   * their own password; then they open.
   */
  async function replaceGeneratedPassword(console: ConsoleDriver, session: LoggedIn, newPassword: string) {
    const required = async () =>
      (await console.ok<{ passwordChangeRequired: boolean }>('/me', session)).passwordChangeRequired;
    assert.equal(await required(), true);
    problemOf(await console.get('/customers?phone=13800000001', session), 403, 'password_change_required');
    const changed = await console.post(
      '/me/password',
      { currentPassword: session.password, newPassword },
      session,
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(await required(), false);
    assert.equal((await console.get('/customers?phone=13800000001', session)).statusCode, 200);
  }

  it('logs in with password and the current code: a token, its expiry, the roles and their permissions', async () => {
    const console = driver();
    const staff = await console.staff('support', 'risk');
    console.nextStep();
    const reply = await console.login(staff);
    assert.equal(reply.statusCode, 201, reply.body);
    const body = reply.json<{
      token: string;
      expiresAt: string;
      staff: { roles: string[]; permissions: string[] };
    }>();
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(Date.parse(body.expiresAt) > suite.test.platform.ctx.clock());
    assert.deepEqual(body.staff.roles, ['support', 'risk']);
    assert.ok(body.staff.permissions.includes('kyc.review'));
    assert.ok(!body.staff.permissions.includes('reversals.approve'));
    const me = await console.ok<{ username: string; permissions: string[] }>('/me', {
      ...staff,
      token: body.token,
    });
    assert.equal(me.username, staff.username);
    assert.deepEqual(me.permissions, body.staff.permissions);
    const stored = await suite.test.platform.ctx.db.get<{ n: bigint }>(
      'SELECT count(*) AS n FROM staff_sessions WHERE token_hash = $1',
      [Buffer.from(body.token)],
    );
    assert.equal(Number(stored?.n), 0, 'the token itself is not stored');
  });

  it('answers a wrong password, a wrong code and an unknown user alike (401), and says which only in the audit log', async () => {
    const console = driver();
    const staff = await console.staff('support');
    console.nextStep();
    const wrongPassword = refusedLogin(await console.login(staff, { password: 'not-the-password' }));
    assert.equal(await lastFailure(staff), 'password');
    const wrongCode = refusedLogin(
      await console.login(staff, { totp: String((Number(console.code(staff)) + 1) % 1e6).padStart(6, '0') }),
    );
    assert.equal(await lastFailure(staff), 'totp');
    const badFormat = refusedLogin(await console.login(staff, { totp: 'abcdef' }));
    const unknown = refusedLogin(await console.login({ ...staff, username: 'nobody-here' }));
    assert.deepEqual(new Set([wrongPassword, wrongCode, badFormat, unknown]).size, 1);
    const ok = await console.login(staff);
    assert.equal(ok.statusCode, 201, 'the right factors still work after a few failures');
  });

  it('accepts the code of the previous step (drift) but never the same step twice (replay)', async () => {
    const console = driver();
    const staff = await console.staff('finance');
    console.nextStep();
    const now = suite.test.platform.ctx.clock();
    const previous = totpCode(staff.totpSecret, now - 30_000);
    assert.equal((await console.login(staff, { totp: previous })).statusCode, 201);
    const replayed = await console.login(staff, { totp: previous });
    refusedLogin(replayed);
    assert.equal(await lastFailure(staff), 'totp_replayed');
    const sameStepAgain = await console.login(staff);
    assert.equal(sameStepAgain.statusCode, 201, 'the current step is newer than the one used');
    refusedLogin(await console.login(staff));
    assert.equal(await lastFailure(staff), 'totp_replayed');
  });

  it('lets one of two simultaneous logins with the same code through, never both', async () => {
    const console = driver();
    const staff = await console.staff('finance');
    console.nextStep();
    const code = console.code(staff);
    const replies = await Promise.all([
      console.login(staff, { totp: code }),
      console.login(staff, { totp: code }),
    ]);
    assert.deepEqual(
      replies.map((r) => r.statusCode).sort(),
      [201, 401],
      replies.map((r) => r.body).join('\n'),
    );
  });

  it(`locks the account for a while after ${MAX_FAILED_LOGINS} failures: even the right factors are refused until then`, async () => {
    const console = driver();
    const staff = await console.staff('support');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      refusedLogin(await console.login(staff, { password: `wrong-${i}` }));
    }
    console.nextStep();
    refusedLogin(await console.login(staff));
    assert.equal(await lastFailure(staff), 'locked');
    suite.test.advance(LOGIN_LOCKOUT_MS);
    assert.equal((await console.login(staff)).statusCode, 201);
  });

  it('ends sessions on logout, after the idle timeout, and when the account is disabled', async () => {
    const console = driver();
    const a = await console.as('support');
    assert.equal((await console.get('/me', a)).statusCode, 200);
    const out = await console.delete('/session', a);
    assert.equal(out.statusCode, 204);
    problemOf(await console.get('/me', a), 401, 'unauthorized');

    const b = await console.as('support');
    suite.test.advance(STAFF_IDLE_TIMEOUT_MS - 60_000);
    assert.equal((await console.get('/me', b)).statusCode, 200, 'activity keeps it alive');
    suite.test.advance(STAFF_IDLE_TIMEOUT_MS + 1000);
    problemOf(await console.get('/me', b), 401, 'unauthorized');

    const c = await console.as('admin');
    const disabled = await disableStaff(suite.test.platform.ctx, c.username, 'test');
    assert.ok(disabled.ok);
    problemOf(await console.get('/me', c), 401, 'unauthorized');
    console.nextStep();
    refusedLogin(await console.login(c));
    assert.equal(await lastFailure(c), 'disabled');
  });

  it('changes the password: the current one first, a long new one; other sessions end, the old password stops working', async () => {
    const console = driver();
    const staff = await console.staff('support');
    const here = await console.loggedIn(staff);
    const elsewhere = await console.loggedIn(staff);
    const change = (body: object) => console.post('/me/password', body, here);
    problemOf(
      await change({ currentPassword: 'wrong', newPassword: 'a long new passphrase' }),
      403,
      'staff_password_incorrect',
    );
    problemOf(
      await change({ currentPassword: staff.password, newPassword: 'short' }),
      422,
      'staff_password_weak',
    );
    problemOf(
      await change({ currentPassword: staff.password, newPassword: staff.password }),
      422,
      'staff_password_weak',
    );
    problemOf(
      await change({ currentPassword: staff.password, newPassword: 'aaaaaaaaaaaaaaaa' }),
      422,
      'staff_password_weak',
    );
    const changed = await change({ currentPassword: staff.password, newPassword: 'a long new passphrase' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await console.get('/me', here)).statusCode, 200, 'this session goes on');
    problemOf(await console.get('/me', elsewhere), 401, 'unauthorized');
    console.nextStep();
    refusedLogin(await console.login(staff));
    console.nextStep();
    assert.equal((await console.login(staff, { password: 'a long new passphrase' })).statusCode, 201);
  });

  it('makes a newcomer replace the generated initial password before anything else', async () => {
    const console = driver();
    const staff = await console.newcomer('support');
    console.nextStep();
    const login = await console.login(staff);
    assert.equal(login.statusCode, 201, login.body);
    assert.equal(
      login.json<{ staff: { passwordChangeRequired: boolean } }>().staff.passwordChangeRequired,
      true,
    );
    const session = { ...staff, token: login.json<{ token: string }>().token };
    await replaceGeneratedPassword(console, session, 'my own long passphrase');
    // A staff member whose password was chosen for them by the test (as by a provisioning script) is not asked.
    const provisioned = await console.loggedIn(await console.staff('support'));
    assert.equal((await console.get('/customers?phone=13800000001', provisioned)).statusCode, 200);
  });

  it('resets a password as an administrator: sessions end, a lockout lifts, the one-time password must be replaced first', async () => {
    const console = driver();
    const staff = await console.staff('support');
    const session = await console.loggedIn(staff);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      refusedLogin(await console.login(staff, { password: `wrong-${i}` }));
    }
    const reset = await resetStaffPassword(suite.test.platform.ctx, staff.username, 'cli:root');
    assert.ok(reset.ok);
    assert.ok(reset.oneTimePassword.length >= 16);
    problemOf(await console.get('/me', session), 401, 'unauthorized');
    console.nextStep();
    refusedLogin(await console.login(staff));
    assert.equal(
      await lastFailure(staff),
      'password',
      'the old password is refused, and the lockout is gone',
    );
    const fresh = await console.loggedIn({ ...staff, password: reset.oneTimePassword });
    await replaceGeneratedPassword(console, fresh, 'back in with my own');
    const audited = await suite.test.platform.ctx.db.all<{ actor: string; action: string; details: string }>(
      "SELECT actor, action, details FROM audit_log WHERE subject = $1 AND action LIKE 'staff.password%' ORDER BY seq",
      [`staff:${staff.username}`],
    );
    assert.deepEqual(
      audited.map((a) => [a.actor, a.action, a.details]),
      [
        ['cli:root', 'staff.password_reset', '{}'],
        [`staff:${staff.username}`, 'staff.password_change', '{}'],
      ],
    );
    const ctx = suite.test.platform.ctx;
    assert.deepEqual(await resetStaffPassword(ctx, 'nobody-here', 'cli:root'), {
      ok: false,
      error: 'staff_not_found',
    });
    assert.ok((await disableStaff(ctx, staff.username, 'cli:root')).ok);
    assert.deepEqual(await resetStaffPassword(ctx, staff.username, 'cli:root'), {
      ok: false,
      error: 'staff_disabled',
    });
  });

  it('refuses missing, malformed and unknown tokens, and malformed logins', async () => {
    const console = driver();
    problemOf(await console.get('/me'), 401, 'unauthorized');
    problemOf(
      await console.get('/me', { username: 'x', password: '', totpSecret: '', token: 'not a token' }),
      401,
      'unauthorized',
    );
    problemOf(
      await console.get('/me', { username: 'x', password: '', totpSecret: '', token: 'A'.repeat(43) }),
      401,
      'unauthorized',
    );
    const missing = await suite.test.app.inject({
      method: 'POST',
      url: '/console/v1/session',
      payload: { username: 'a' },
    });
    problemOf(missing, 400, 'invalid_request');
  });

  it('gives each role only its permissions: 403 for the rest', async () => {
    const console = driver();
    const support = await console.as('support');
    const finance = await console.as('finance');
    const risk = await console.as('risk');
    const admin = await console.as('admin');
    problemOf(await console.get('/dashboard', support), 403, 'forbidden');
    problemOf(await console.get('/audit', finance), 403, 'forbidden');
    problemOf(await console.post('/customers/cus_nobody/lock', { reason: 'x' }, finance), 403, 'forbidden');
    problemOf(await console.get('/kyc', support), 403, 'forbidden');
    problemOf(await console.get('/reversals', risk), 403, 'forbidden');
    problemOf(await console.get('/staff', risk), 403, 'forbidden');
    problemOf(await console.post('/reversals', { paymentId: 'x', reason: 'y' }, support), 403, 'forbidden');
    assert.equal((await console.get('/kyc', risk)).statusCode, 200);
    assert.equal((await console.get('/dashboard', finance)).statusCode, 200);
    assert.equal(
      (await console.get('/customers?name=x', finance)).statusCode,
      200,
      'finance reads customers',
    );
    for (const url of [
      '/dashboard',
      '/audit',
      '/kyc',
      '/merchants',
      '/reversals',
      '/customers?name=x',
      '/staff',
    ]) {
      assert.equal((await console.get(url, admin)).statusCode, 200, url);
    }
    const staff = await console.ok<{ staff: { username: string }[] }>('/staff', admin);
    assert.ok(staff.staff.some((s) => s.username === support.username));
  });
});
