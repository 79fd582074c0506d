// Team (owners): the merchant's users and roles; add a user, change a role, remove a user.
import { useState } from 'preact/hooks';
import { useAction, useLoad } from '../shared/hooks.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice, Select } from '../shared/ui.js';
import { api, path } from './session.js';
import { useT, useValueText } from './texts.js';
import type { Role, Store, TeamMember } from './types.js';

const ROLES: readonly Role[] = ['owner', 'manager', 'cashier'];

function AddMember(props: { stores: Store[]; onAdded: () => void }) {
  const t = useT();
  const label = useValueText();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [storeId, setStoreId] = useState('');
  const add = useAction(async () => {
    await api.post(path('/team'), { phone, name, role, ...(storeId ? { storeId } : {}) });
    setPhone('');
    setName('');
    props.onAdded();
  });
  return (
    <form class="card" onSubmit={submitWith(() => add.run())}>
      <h2>{t('addMember')}</h2>
      <div class="filters">
        <Field label={t('phone')} type="tel" value={phone} onValue={setPhone} required />
        <Field label={t('name')} value={name} onValue={setName} required />
        <Select
          label={t('role')}
          value={role}
          onValue={(value) => setRole(value as Role)}
          options={ROLES.map((r): [string, string] => [r, label('role', r)])}
        />
        <Select
          label={t('store')}
          value={storeId}
          onValue={setStoreId}
          options={[['', t('allStores')], ...props.stores.map((s): [string, string] => [s.id, s.name])]}
        />
      </div>
      <Notice error={add.error} />
      <Button type="submit" busy={add.busy}>
        {t('addMember')}
      </Button>
    </form>
  );
}

export function Team() {
  const t = useT();
  const label = useValueText();
  const team = useLoad(() => api.get<TeamMember[]>(path('/team')), []);
  const stores = useLoad(() => api.get<Store[]>(path('/stores')), []);
  const change = useAction(async (member: TeamMember, role: Role) => {
    await api.patch(path(`/team/${member.id}`), { role });
    team.reload();
  });
  const remove = useAction(async (member: TeamMember) => {
    await api.delete(path(`/team/${member.id}`));
    team.reload();
  });
  const storeName = (id: string | null) =>
    id === null ? t('allStores') : (stores.data?.find((store) => store.id === id)?.name ?? id);
  return (
    <>
      <Notice error={team.error ?? change.error ?? remove.error} />
      <section class="card table-scroll">
        <table class="data" data-testid="team">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('phone')}</th>
              <th scope="col">{t('store')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(team.data ?? []).map((member) => (
              <tr key={member.id}>
                <td>{member.name}</td>
                <td>{member.phone}</td>
                <td>{storeName(member.storeId)}</td>
                <td>
                  <select
                    aria-label={t('roleOf', { name: member.name })}
                    value={member.role}
                    onChange={(event) => void change.run(member, event.currentTarget.value as Role)}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {label('role', role)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <Button
                    kind="danger"
                    busy={remove.busy}
                    aria-label={`${t('remove')} ${member.name}`}
                    onClick={() => void remove.run(member)}
                  >
                    {t('remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <AddMember stores={stores.data ?? []} onAdded={team.reload} />
    </>
  );
}
