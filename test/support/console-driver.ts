// Drives the operator console API in-process as staff would: accounts made in the domain, TOTP codes from their secrets.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../src/channels/http/test-app.js';
import type { StaffRole } from '../../src/domain/staff/roles.js';
import { createStaff } from '../../src/domain/staff/staff-accounts.js';
import { totpCode } from '../../src/domain/staff/totp.js';

export interface TestStaff {
  username: string;
  password: string;
  totpSecret: string;
}

export interface LoggedIn extends TestStaff {
  token: string;
}

let made = 0;

export class ConsoleDriver {
  constructor(readonly test: TestApp) {}

  /** A new staff account with these roles and a password of the test's choosing (usernames unique per process). */
  staff(...roles: StaffRole[]): Promise<TestStaff> {
    return this.create(roles, true);
  }

  /** A new staff account whose initial password was generated: it must be replaced at the first login. */
  newcomer(...roles: StaffRole[]): Promise<TestStaff> {
    return this.create(roles, false);
  }

  private async create(roles: StaffRole[], ownPassword: boolean): Promise<TestStaff> {
    const username = `${roles.join('-')}${++made}`;
    const result = await createStaff(
      this.test.platform.ctx,
      {
        username,
        displayName: `Test ${username}`,
        roles,
        ...(ownPassword ? { password: `pass-${username}-x` } : {}),
      },
      'test',
    );
    assert.ok(result.ok, result.ok ? '' : result.error);
    return { username, password: result.created.initialPassword, totpSecret: result.created.totpSecret };
  }

  /** The code the staff member's authenticator shows now. */
  code(staff: TestStaff): string {
    return totpCode(staff.totpSecret, this.test.platform.ctx.clock());
  }

  /** POST /console/v1/session with these fields (the code defaults to the current one). */
  login(
    staff: TestStaff,
    override: { password?: string; totp?: string } = {},
  ): Promise<LightMyRequestResponse> {
    return this.test.app.inject({
      method: 'POST',
      url: '/console/v1/session',
      payload: {
        username: staff.username,
        password: override.password ?? staff.password,
        totp: override.totp ?? this.code(staff),
      },
    });
  }

  /**
   * Moves the clock to one second into the next TOTP step: a new code (each step's code logs in once), and
   * 29 seconds before the step can change under a test that computed a code.
   */
  nextStep(): void {
    const now = this.test.platform.ctx.clock();
    this.test.advance(30_000 - (now % 30_000) + 1_000);
  }

  /** Moves to the next TOTP step, then logs in. */
  async loggedIn(staff: TestStaff): Promise<LoggedIn> {
    this.nextStep();
    const reply = await this.login(staff);
    assert.equal(reply.statusCode, 201, reply.body);
    return { ...staff, token: reply.json<{ token: string }>().token };
  }

  /** A new account with these roles, logged in. */
  async as(...roles: StaffRole[]): Promise<LoggedIn> {
    return this.loggedIn(await this.staff(...roles));
  }

  get(url: string, who?: LoggedIn): Promise<LightMyRequestResponse> {
    return this.test.app.inject({
      method: 'GET',
      url: `/console/v1${url}`,
      headers: who ? { authorization: `Bearer ${who.token}` } : {},
    });
  }

  /** A POST with a fresh Idempotency-Key unless one is given. */
  post(
    url: string,
    body: unknown,
    who?: LoggedIn,
    key: string = randomUUID(),
  ): Promise<LightMyRequestResponse> {
    return this.test.app.inject({
      method: 'POST',
      url: `/console/v1${url}`,
      payload: body as object,
      headers: { 'idempotency-key': key, ...(who ? { authorization: `Bearer ${who.token}` } : {}) },
    });
  }

  delete(url: string, who: LoggedIn): Promise<LightMyRequestResponse> {
    return this.test.app.inject({
      method: 'DELETE',
      url: `/console/v1${url}`,
      headers: { authorization: `Bearer ${who.token}` },
    });
  }

  /** GET that must answer 200; returns the body. */
  async ok<T>(url: string, who: LoggedIn): Promise<T> {
    const reply = await this.get(url, who);
    assert.equal(reply.statusCode, 200, reply.body);
    return reply.json<T>();
  }
}
