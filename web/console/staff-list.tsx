// The staff accounts (administrators): roles, state, who still has a generated password; new password and disabling.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Button, Notice } from '../shared/ui.js';
import { api, meStore } from './session.js';
import { useT } from './texts.js';

interface StaffMember {
  username: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  passwordChangeRequired: boolean;
  createdAt: string;
}

type StaffAction = 'password-reset' | 'disable';

/** What an administrator asked for and must confirm, or what the last confirmed action gave. */
type Step =
  | { kind: 'confirm'; action: StaffAction; username: string }
  | { kind: 'password'; username: string; oneTimePassword: string }
  | { kind: 'disabled'; username: string };

export function StaffList() {
  const t = useT();
  const locale = useLocale();
  const loaded = useLoad(() => api.get<{ staff: StaffMember[] }>('/staff'), []);
  const [step, setStep] = useState<Step | undefined>(undefined);
  const me = meStore.get();
  const manages = me?.permissions.includes('staff.manage') ?? false;
  const act = useAction(async (action: StaffAction, username: string) => {
    const path = `/staff/${encodeURIComponent(username)}/${action}`;
    if (action === 'disable') {
      await api.post(path, {});
      setStep({ kind: 'disabled', username });
    } else {
      const reply = await api.post<{ oneTimePassword: string }>(path, {});
      setStep({ kind: 'password', username, oneTimePassword: reply.oneTimePassword });
    }
    loaded.reload();
  });
  const ask = (action: StaffAction, username: string) => {
    act.clearError();
    setStep({ kind: 'confirm', action, username });
  };
  return (
    <section>
      <h1>{t('staff')}</h1>
      <Notice error={loaded.error ?? act.error} />
      {step?.kind === 'confirm' && (
        <div class="card" role="alertdialog" aria-label={t('confirm')}>
          <p>
            {t(step.action === 'disable' ? 'confirmDisable' : 'confirmPasswordReset', {
              username: step.username,
            })}
          </p>
          <div class="row">
            <Button
              kind={step.action === 'disable' ? 'danger' : 'primary'}
              busy={act.busy}
              onClick={() => void act.run(step.action, step.username)}
            >
              {t('confirm')}
            </Button>
            <Button kind="secondary" onClick={() => setStep(undefined)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      )}
      {step?.kind === 'password' && (
        <div class="card notice success">
          <p>{t('oneTimePasswordFor', { username: step.username })}</p>
          <p>
            <code data-testid="one-time-password">{step.oneTimePassword}</code>
          </p>
        </div>
      )}
      {step?.kind === 'disabled' && <Notice success={t('staffDisabled', { username: step.username })} />}
      <table class="data" data-testid="staff">
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('name')}</th>
            <th>{t('roles')}</th>
            <th>{t('status')}</th>
            <th>{t('passwordState')}</th>
            <th>{t('created')}</th>
            {manages && <th>{t('staffActions')}</th>}
          </tr>
        </thead>
        <tbody>
          {loaded.data?.staff.map((member) => (
            <tr key={member.username} data-username={member.username}>
              <td>{member.username}</td>
              <td>{member.displayName}</td>
              <td>{member.roles.join(', ')}</td>
              <td>
                {member.status === 'disabled'
                  ? t('disabled')
                  : member.lockedUntil && Date.parse(member.lockedUntil) > Date.now()
                    ? t('lockedOutUntil', { until: formatTime(member.lockedUntil, locale) })
                    : t('active')}
              </td>
              <td>{member.passwordChangeRequired ? t('mustChangePassword') : t('ownPassword')}</td>
              <td>{formatTime(member.createdAt, locale)}</td>
              {manages && (
                <td>
                  {member.status === 'active' && member.username !== me?.username && (
                    <div class="row">
                      <Button kind="secondary" onClick={() => ask('password-reset', member.username)}>
                        {t('giveNewPassword')}
                      </Button>
                      <Button kind="danger" onClick={() => ask('disable', member.username)}>
                        {t('disableAccount')}
                      </Button>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
