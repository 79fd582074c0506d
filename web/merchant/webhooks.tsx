// Webhooks: the endpoint and its signing secret (owners), the events sent and every delivery attempt, redelivery.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice } from '../shared/ui.js';
import { api, path } from './session.js';
import { useT } from './texts.js';
import type { WebhookDelivery, WebhookEvent } from './types.js';

export function WebhookEndpoint(props: { url: string | null }) {
  const t = useT();
  const [url, setUrl] = useState(props.url ?? '');
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const save = useAction(async () => {
    const set = await api.patch<{ url: string; secret: string }>(path('/webhook'), { url });
    setUrl(set.url);
    setSecret(set.secret);
  });
  return (
    <form class="card" onSubmit={submitWith(() => save.run())}>
      <h2>{t('webhook')}</h2>
      <Field label={t('webhookUrl')} type="url" value={url} onValue={setUrl} required />
      {secret && (
        <p class="notice success" role="status">
          {`${t('secretOnce')} `}
          <span class="secret">{secret}</span>
        </p>
      )}
      <Notice error={save.error} />
      <Button type="submit" busy={save.busy}>
        {t('saveWebhook')}
      </Button>
    </form>
  );
}

export function WebhookLog() {
  const t = useT();
  const locale = useLocale();
  const events = useLoad(() => api.get<WebhookEvent[]>(path('/webhook-events?limit=50')), []);
  const deliveries = useLoad(() => api.get<WebhookDelivery[]>(path('/webhook-deliveries?limit=50')), []);
  const [done, setDone] = useState(false);
  const redeliver = useAction(async (eventId: string) => {
    setDone(false);
    await api.post(path(`/webhook-events/${encodeURIComponent(eventId)}/redeliver`), {});
    setDone(true);
    events.reload();
    deliveries.reload();
  });
  return (
    <>
      <section class="card table-scroll">
        <h2>{t('events')}</h2>
        <Notice error={events.error ?? redeliver.error} success={done ? t('redelivered') : undefined} />
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('event')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" class="num">
                {t('attempts')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('redeliver')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(events.data ?? []).map((event) => (
              <tr key={event.id}>
                <td>{formatTime(event.createdAt, locale)}</td>
                <td>{event.type}</td>
                <td>{event.status}</td>
                <td class="num">{event.attempts}</td>
                <td>
                  <Button
                    kind="secondary"
                    busy={redeliver.busy}
                    aria-label={`${t('redeliver')} ${event.id}`}
                    onClick={() => void redeliver.run(event.id)}
                  >
                    {t('redeliver')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.data?.length === 0 && <p class="muted">{t('nothing')}</p>}
      </section>
      <section class="card table-scroll">
        <h2>{t('deliveries')}</h2>
        <Notice error={deliveries.error} />
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('event')}</th>
              <th scope="col" class="num">
                {t('attempts')}
              </th>
              <th scope="col">{t('result')}</th>
            </tr>
          </thead>
          <tbody>
            {(deliveries.data ?? []).map((delivery) => (
              <tr key={delivery.id}>
                <td>{formatTime(delivery.attemptedAt, locale)}</td>
                <td class="secret">{delivery.eventId}</td>
                <td class="num">{delivery.attempt}</td>
                <td>{delivery.statusCode ?? delivery.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
