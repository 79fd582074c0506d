// Staff administration in the console over HTTP on both databases: the list, a new one-time password, disabling.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { problemOf } from '../support/api-assertions.js';
import { describeApi } from '../support/api-suite.js';
import { ConsoleDriver } from '../support/console-driver.js';

interface ListedStaff {
  username: string;
  status: string;
  passwordChangeRequired: boolean;
}

describeApi('console staff administration', (suite) => {
  const driver = () => new ConsoleDriver(suite.test);

  const listed = async (
    console: ConsoleDriver,
    admin: Parameters<ConsoleDriver['ok']>[1],
    username: string,
  ) => {
    const { staff } = await console.ok<{ staff: ListedStaff[] }>('/staff', admin);
    const member = staff.find((s) => s.username === username);
    assert.ok(member, `${username} is listed`);
    return member;
  };

  const audited = async (action: string, subject: string) =>
    (
      await suite.test.platform.ctx.db.all<{ actor: string }>(
        'SELECT actor FROM audit_log WHERE action = $1 AND subject = $2',
        [action, `staff:${subject}`],
      )
    ).map((row) => row.actor);

  it('gives a staff member a one-time password: their sessions end and they must choose their own', async () => {
    const console = driver();
    const admin = await console.as('admin');
    const member = await console.as('support');
    assert.equal((await listed(console, admin, member.username)).passwordChangeRequired, false);

    const reset = await console.post(`/staff/${member.username}/password-reset`, {}, admin);
    assert.equal(reset.statusCode, 201, reset.body);
    const { oneTimePassword } = reset.json<{ oneTimePassword: string }>();
    assert.ok(oneTimePassword.length >= 12);
    problemOf(await console.get('/me', member), 401, 'unauthorized');
    assert.equal((await listed(console, admin, member.username)).passwordChangeRequired, true);
    assert.deepEqual(await audited('staff.password_reset', member.username), [`staff:${admin.username}`]);

    // The old password no longer works; the new one logs in, but only to replace itself.
    console.nextStep();
    problemOf(await console.login(member), 401, 'invalid_staff_credentials');
    const renewed = await console.loggedIn({ ...member, password: oneTimePassword });
    problemOf(await console.get('/customers?phone=13800000001', renewed), 403, 'password_change_required');
    const changed = await console.post(
      '/me/password',
      { currentPassword: oneTimePassword, newPassword: 'a-brand-new-pass-9' },
      renewed,
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await listed(console, admin, member.username)).passwordChangeRequired, false);
  });

  it('disables an account: its session ends at once and it cannot log in; no new password for it', async () => {
    const console = driver();
    const admin = await console.as('admin');
    const member = await console.as('finance');
    const disabled = await console.post(`/staff/${member.username}/disable`, {}, admin);
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.deepEqual(disabled.json(), { username: member.username, status: 'disabled' });
    problemOf(await console.get('/dashboard', member), 401, 'unauthorized');
    console.nextStep();
    problemOf(await console.login(member), 401, 'invalid_staff_credentials');
    assert.equal((await listed(console, admin, member.username)).status, 'disabled');
    assert.deepEqual(await audited('staff.disable', member.username), [`staff:${admin.username}`]);
    problemOf(
      await console.post(`/staff/${member.username}/password-reset`, {}, admin),
      409,
      'staff_disabled',
    );
    // Disabling again changes nothing and records nothing more.
    assert.equal((await console.post(`/staff/${member.username}/disable`, {}, admin)).statusCode, 200);
    assert.equal((await audited('staff.disable', member.username)).length, 1);
  });

  it('refuses other roles, unknown accounts and an administrator acting on their own account', async () => {
    const console = driver();
    const admin = await console.as('admin');
    const risk = await console.as('risk');
    const support = await console.as('support');
    for (const action of ['password-reset', 'disable']) {
      problemOf(await console.post(`/staff/${support.username}/${action}`, {}, risk), 403, 'forbidden');
      problemOf(await console.post(`/staff/nobody-here/${action}`, {}, admin), 404, 'staff_not_found');
      problemOf(await console.post(`/staff/${admin.username}/${action}`, {}, admin), 409, 'staff_self');
    }
    // Nothing happened to anyone.
    assert.equal((await console.get('/me', support)).statusCode, 200);
    assert.equal((await console.get('/me', admin)).statusCode, 200);
    assert.deepEqual(await audited('staff.password_reset', support.username), []);
    assert.deepEqual(await audited('staff.disable', support.username), []);
  });
});
