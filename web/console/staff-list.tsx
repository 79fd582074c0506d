// The staff accounts (administrators): who has which roles, and whether the account is active or locked out.
import { formatTime } from '../shared/format.js';
import { useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Notice } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';

interface StaffMember {
  username: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  createdAt: string;
}

export function StaffList() {
  const t = useT();
  const locale = useLocale();
  const loaded = useLoad(() => api.get<{ staff: StaffMember[] }>('/staff'), []);
  return (
    <section>
      <h1>{t('staff')}</h1>
      <Notice error={loaded.error} />
      <table class="data" data-testid="staff">
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('name')}</th>
            <th>{t('roles')}</th>
            <th>{t('status')}</th>
            <th>{t('created')}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.data?.staff.map((member) => (
            <tr key={member.username}>
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
              <td>{formatTime(member.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
