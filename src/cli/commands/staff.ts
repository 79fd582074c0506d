// `mwallet staff create | disable | reset-password | list`: operator console accounts (audited); credentials are shown once.
import { Command } from 'commander';
import { STAFF_ROLES } from '../../domain/staff/roles.js';
import {
  createStaff,
  disableStaff,
  listStaff,
  resetStaffPassword,
} from '../../domain/staff/staff-accounts.js';
import { cliActor, runAdmin } from '../with-runtime.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function staffCommand(): Command {
  return new Command('staff')
    .description('operator console accounts (roles: support, risk, finance, admin)')
    .addCommand(
      new Command('create')
        .description('create a staff account; prints its initial password and TOTP secret once')
        .requiredOption('--username <username>', '3–32 of a-z 0-9 . _ -, starting with a letter')
        .requiredOption('--name <name>', 'display name')
        .requiredOption('--role <role>', `${STAFF_ROLES.join(', ')} (repeat for several)`, collect, [])
        .action(async (o: { username: string; name: string; role: string[] }, command: Command) =>
          runAdmin(command, async ({ platform }) => {
            const result = await createStaff(
              platform.ctx,
              { username: o.username, displayName: o.name, roles: o.role },
              cliActor(),
            );
            if (!result.ok)
              return { ok: false, error: result.error, text: `cannot create ${o.username}: ${result.error}` };
            const { staff, initialPassword, totpSecret, totpUri } = result.created;
            return {
              ok: true,
              result: { username: staff.username, roles: staff.roles, initialPassword, totpSecret, totpUri },
              text: [
                `Created ${staff.username} (${staff.roles.join(', ')}). Shown once, hand over in person:`,
                `  initial password: ${initialPassword}`,
                `  TOTP secret:      ${totpSecret}`,
                `  authenticator:    ${totpUri}`,
              ].join('\n'),
            };
          }),
        ),
    )
    .addCommand(
      new Command('disable')
        .description('disable a staff account: its sessions end at once')
        .argument('<username>')
        .action(async (username: string, _o: object, command: Command) =>
          runAdmin(command, async ({ platform }) => {
            const result = await disableStaff(platform.ctx, username, cliActor());
            if (!result.ok)
              return { ok: false, error: result.error, text: `cannot disable ${username}: ${result.error}` };
            return { ok: true, result: { username, status: 'disabled' }, text: `Disabled ${username}.` };
          }),
        ),
    )
    .addCommand(
      new Command('reset-password')
        .description(
          'give a staff member a new one-time password, printed once: their sessions end, a login lockout is lifted, ' +
            'and the console asks them for their own password at the next login (the TOTP secret stays)',
        )
        .argument('<username>')
        .action(async (username: string, _o: object, command: Command) =>
          runAdmin(command, async ({ platform }) => {
            const result = await resetStaffPassword(platform.ctx, username, cliActor());
            if (!result.ok)
              return { ok: false, error: result.error, text: `cannot reset ${username}: ${result.error}` };
            return {
              ok: true,
              result: { username, oneTimePassword: result.oneTimePassword },
              text: [
                `New one-time password for ${username}. Shown once, hand over in person:`,
                `  one-time password: ${result.oneTimePassword}`,
              ].join('\n'),
            };
          }),
        ),
    )
    .addCommand(
      new Command('list').description('list staff accounts').action(async (_o: object, command: Command) =>
        runAdmin(command, async ({ platform }) => {
          const staff = await listStaff(platform.ctx);
          return {
            ok: true,
            result: { staff },
            text: staff
              .map((s) => `${s.username}  ${s.status}  ${s.roles.join(',')}  ${s.displayName}`)
              .join('\n'),
          };
        }),
      ),
    );
}
