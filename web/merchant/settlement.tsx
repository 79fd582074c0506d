// Settlement account (owners): the balance held, the payout bank account (number masked), and changing it.
import { useState } from 'preact/hooks';
import { formatMoney } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice } from '../shared/ui.js';
import { api, path } from './session.js';
import { useT } from './texts.js';
import type { Settlement as SettlementData } from './types.js';

export function Settlement() {
  const t = useT();
  const account = useLoad(() => api.get<SettlementData>(path('/settlement')), []);
  const [bankName, setBankName] = useState('');
  const [accountHolder, setAccountHolder] = useState('');
  const [accountNumber, setAccountNumber] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    await api.patch(path('/settlement/bank-account'), { bankName, accountHolder, accountNumber });
    setAccountNumber('');
    setSaved(true);
    account.reload();
  });
  const data = account.data;
  return (
    <>
      <Notice error={account.error} />
      {data && (
        <section class="card" data-testid="settlement">
          <dl class="summary">
            <dt>{t('balance')}</dt>
            <dd>{formatMoney(data.balance, data.currency)}</dd>
            <dt>{t('bankName')}</dt>
            <dd>{data.bankName}</dd>
            <dt>{t('accountHolder')}</dt>
            <dd>{data.accountHolder}</dd>
            <dt>{t('accountNumber')}</dt>
            <dd>{data.accountNumberMasked}</dd>
          </dl>
        </section>
      )}
      <form class="card" onSubmit={submitWith(() => save.run())}>
        <h2>{t('changeBank')}</h2>
        <Field label={t('bankName')} value={bankName} onValue={setBankName} required />
        <Field label={t('accountHolder')} value={accountHolder} onValue={setAccountHolder} required />
        <Field
          label={t('accountNumber')}
          inputMode="numeric"
          autoComplete="off"
          value={accountNumber}
          onValue={setAccountNumber}
          required
        />
        <Notice error={save.error} success={saved ? t('saved') : undefined} />
        <Button type="submit" busy={save.busy}>
          {t('save')}
        </Button>
      </form>
    </>
  );
}
