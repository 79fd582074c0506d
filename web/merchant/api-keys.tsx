// API keys (owners): the keys with their state, a new key, or a rotation; a new secret is shown once.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Button, Notice } from '../shared/ui.js';
import { api, path } from './session.js';
import { useT, useValueText } from './texts.js';
import type { Credential } from './types.js';

export function ApiKeys() {
  const t = useT();
  const label = useValueText();
  const locale = useLocale();
  const keys = useLoad(() => api.get<Credential[]>(path('/credentials')), []);
  const [issued, setIssued] = useState<{ keyId: string; secret: string } | undefined>(undefined);
  const issue = useAction(async (replaceKeyId?: string) => {
    setIssued(await api.post(path('/credentials'), replaceKeyId ? { replaceKeyId } : {}));
    keys.reload();
  });
  return (
    <section class="card">
      <h2>{t('apiKeys')}</h2>
      {issued && (
        <p class="notice success" role="status">
          {`${t('secretOnce')} `}
          <span class="secret">{`${issued.keyId} · ${issued.secret}`}</span>
        </p>
      )}
      <Notice error={keys.error ?? issue.error} />
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('keyId')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">{t('expires')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('rotate')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(keys.data ?? []).map((key) => (
            <tr key={key.keyId}>
              <td class="secret">{key.keyId}</td>
              <td>{formatTime(key.createdAt, locale)}</td>
              <td>{key.expiresAt ? formatTime(key.expiresAt, locale) : t('noData')}</td>
              <td>{label('status', key.status)}</td>
              <td>
                {key.status === 'current' && (
                  <Button
                    kind="secondary"
                    busy={issue.busy}
                    aria-label={`${t('rotate')} ${key.keyId}`}
                    onClick={() => void issue.run(key.keyId)}
                  >
                    {t('rotate')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button busy={issue.busy} onClick={() => void issue.run()}>
        {t('newKey')}
      </Button>
    </section>
  );
}
