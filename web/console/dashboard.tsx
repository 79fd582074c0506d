// The system dashboard: today's payments (reversed ones apart) and success rate, outbox depth, the recent HTTP 5xx rate.

import { formatTime } from '../shared/format.js';
import { useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Button, Money, Notice } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';
import type { Dashboard } from './types.js';

const percent = (share: number | null, locale: string) =>
  share === null ? '—' : share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 2 });

export function DashboardView() {
  const t = useT();
  const locale = useLocale();
  const loaded = useLoad(() => api.get<Dashboard>('/dashboard'), []);
  const data = loaded.data;
  return (
    <section>
      <div class="spread">
        <h1>{t('dashboard')}</h1>
        <Button kind="secondary" onClick={loaded.reload}>
          {t('refresh')}
        </Button>
      </div>
      <Notice error={loaded.error} />
      {data && (
        <>
          <p class="muted">{t('today', { since: formatTime(data.since, locale) })}</p>
          <dl class="tiles" data-testid="dashboard">
            <div class="card">
              <dt>{t('paymentCount')}</dt>
              <dd>{data.payments.count}</dd>
            </div>
            <div class="card">
              <dt>{t('paymentVolume')}</dt>
              <dd>
                <Money amount={data.payments.volume} currency={data.payments.currency} />
              </dd>
            </div>
            <div class="card">
              <dt>{t('paymentsReversed')}</dt>
              <dd data-testid="reversed">
                <Money amount={data.payments.reversed.volume} currency={data.payments.currency} />{' '}
                <small class="muted">{t('reversedCount', { count: data.payments.reversed.count })}</small>
              </dd>
            </div>
            <div class="card">
              <dt>{t('successRate')}</dt>
              <dd>{percent(data.payments.successRate, locale)}</dd>
            </div>
            <div class="card">
              <dt>{t('outboxSms')}</dt>
              <dd>{data.outbox.sms}</dd>
            </div>
            <div class="card">
              <dt>{t('outboxWebhooks')}</dt>
              <dd>{data.outbox.webhooks}</dd>
            </div>
            <div class="card">
              <dt>{t('errorRate')}</dt>
              <dd>
                {percent(data.http.errorRate, locale)}{' '}
                <small class="muted">
                  {t('requestsServed', { count: data.http.requests, minutes: data.http.minutes })}
                </small>
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
