// Requests from merchants (pay) and agents (cash out): confirm with the PIN (and an SMS code on step-up) or decline.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { navigate } from '../shared/router.js';
import { Button, Money, Notice, Page } from '../shared/ui.js';
import { api } from './session.js';
import { useStepUp } from './step-up.js';
import { useT } from './texts.js';
import type { PaymentRequest } from './types.js';

export function Requests() {
  const t = useT();
  const loaded = useLoad(() => api.get<PaymentRequest[]>('/api/v1/payment-requests'), []);
  return (
    <Page title={t('requests')} back={() => navigate('/')} backLabel={t('back')}>
      <Notice error={loaded.error} />
      {loaded.data?.length === 0 && <p class="muted">{t('noRequests')}</p>}
      {loaded.data?.map((request) => (
        <RequestCard key={request.id} request={request} onAnswered={loaded.reload} />
      ))}
    </Page>
  );
}

function RequestCard(props: { request: PaymentRequest; onAnswered: () => void }) {
  const t = useT();
  const locale = useLocale();
  const { request } = props;
  const cashOut = request.kind === 'cash_out';
  const title = cashOut ? t('cashOutAt', { agent: request.payee.name }) : request.payee.name;
  const stepUp = useStepUp('pin');
  const [answer, setAnswer] = useState<string | undefined>(undefined);
  const confirm = useAction(async () => {
    const paid = await stepUp.submit((credentials) =>
      api.post<{ status: string }>(`/api/v1/payment-requests/${request.id}/confirm`, credentials),
    );
    if (paid) setAnswer(paid.status === 'completed' ? t(cashOut ? 'cashOutDone' : 'paid') : t('pending'));
  });
  const decline = useAction(async () => {
    await api.post(`/api/v1/payment-requests/${request.id}/decline`, {});
    setAnswer(t('declined'));
  });
  return (
    <section class="card" aria-label={title}>
      <div class="spread">
        <strong>{title}</strong>
        <Money amount={request.amount} currency={request.currency} />
      </div>
      <p class="muted">
        {request.description || request.reference} ·{' '}
        {t('expiresAt', { time: formatTime(request.expiresAt, locale) })}
      </p>
      {answer ? (
        <Notice success={answer} />
      ) : (
        <>
          {stepUp.fields}
          <Notice error={confirm.error ?? decline.error} />
          <div class="row">
            <Button busy={confirm.busy} onClick={() => void confirm.run()}>
              {t(cashOut ? 'confirm' : 'pay')}
            </Button>
            <Button kind="secondary" busy={decline.busy} onClick={() => void decline.run()}>
              {t('decline')}
            </Button>
          </div>
        </>
      )}
      {answer && (
        <Button kind="secondary" onClick={props.onAnswered}>
          {t('done')}
        </Button>
      )}
    </section>
  );
}
