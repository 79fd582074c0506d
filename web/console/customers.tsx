// Customer search: by phone number (any form), part of the name, or ID number; each result opens the customer 360.
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice, Select } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';
import type { CustomerSummary } from './types.js';

type By = 'phone' | 'name' | 'idNumber';

export function CustomerSearch() {
  const t = useT();
  const [by, setBy] = useState<By>('phone');
  const [text, setText] = useState('');
  const [found, setFound] = useState<CustomerSummary[] | undefined>(undefined);
  const search = useAction(async () => {
    const query = new URLSearchParams({ [by]: text.trim() });
    setFound((await api.get<{ customers: CustomerSummary[] }>(`/customers?${query}`)).customers);
  });
  return (
    <section>
      <h1>{t('customers')}</h1>
      <form class="card row" aria-label={t('search')} onSubmit={submitWith(() => search.run())}>
        <Select
          label={t('searchBy')}
          value={by}
          onValue={(value) => setBy(value as By)}
          options={[
            ['phone', t('byPhone')],
            ['name', t('byName')],
            ['idNumber', t('byIdNumber')],
          ]}
        />
        <Field label={t('searchFor')} type="search" value={text} onValue={setText} required />
        <Button type="submit" busy={search.busy}>
          {t('search')}
        </Button>
      </form>
      <Notice error={search.error} />
      {found && found.length === 0 && <p class="muted">{t('noResults')}</p>}
      {found && found.length > 0 && (
        <table class="data" data-testid="results">
          <thead>
            <tr>
              <th>{t('phone')}</th>
              <th>{t('name')}</th>
              <th>{t('tier')}</th>
              <th>{t('status')}</th>
              <th>
                <span class="visually-hidden">{t('open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {found.map((customer) => (
              <tr key={customer.id}>
                <td>{customer.phone}</td>
                <td>{customer.name ?? '—'}</td>
                <td>{customer.tier}</td>
                <td>{customer.locked ? t('locked') : customer.status}</td>
                <td>
                  <a href={`#/customer?id=${encodeURIComponent(customer.id)}`}>{t('open')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
