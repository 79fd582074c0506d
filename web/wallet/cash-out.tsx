// Cash out at an agent: the customer makes a single-use code for an exact amount (PIN-confirmed) and tells it to the agent.
import { useState } from 'preact/hooks';
import { formatMoney, formatTime } from '../shared/format.js';
import { useAction } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { navigate } from '../shared/router.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice, Page } from '../shared/ui.js';
import { PinField } from './pin-field.js';
import { api } from './session.js';
import { useT } from './texts.js';
import type { Wallet } from './types.js';

interface CashOutCode {
  code: string;
  amount: string | null;
  expiresAt: string;
}

export function CashOut() {
  const t = useT();
  const locale = useLocale();
  const [amount, setAmount] = useState('');
  const [pin, setPin] = useState('');
  const [made, setMade] = useState<{ code: CashOutCode; currency: string } | undefined>(undefined);
  const make = useAction(async () => {
    const { currency } = await api.get<Wallet>('/api/v1/wallet');
    const code = await api.post<CashOutCode>('/api/v1/authorisation-codes', {
      amount,
      pin,
      amountType: 'exact',
    });
    setPin('');
    setMade({ code, currency });
  });
  return (
    <Page title={t('cashOut')} back={() => navigate('/')} backLabel={t('back')}>
      {made ? (
        <section class="card" role="status">
          <h2>{t('cashOutCode')}</h2>
          <p class="code" data-testid="cash-out-code">
            {made.code.code.replace(/(\d{4})(?=\d)/g, '$1 ')}
          </p>
          <p class="muted">
            {t('cashOutCodeHint', {
              amount: formatMoney(made.code.amount ?? amount, made.currency),
              time: formatTime(made.code.expiresAt, locale),
            })}
          </p>
          <Button onClick={() => navigate('/')}>{t('done')}</Button>
        </section>
      ) : (
        <form class="card" onSubmit={submitWith(() => make.run())}>
          <p class="muted">{t('cashOutExplain')}</p>
          <Field label={t('amount')} inputMode="decimal" value={amount} onValue={setAmount} />
          <PinField label={t('pin')} value={pin} onValue={setPin} />
          <Notice error={make.error} />
          <Button type="submit" busy={make.busy}>
            {t('makeCode')}
          </Button>
        </form>
      )}
    </Page>
  );
}
