// The audit log viewer: entries newest first, filters by actor, action and subject, older pages, and "verify chain".
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Button, Field, Notice } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';
import type { AuditEntry } from './types.js';

interface Page {
  entries: AuditEntry[];
  next: number | null;
}

interface Verdict {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
  reason: string | null;
}

export function AuditLog() {
  const t = useT();
  const locale = useLocale();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [subject, setSubject] = useState('');
  const [filters, setFilters] = useState(new URLSearchParams({ limit: '50' }));
  const [before, setBefore] = useState<number | undefined>(undefined);
  const loaded = useLoad(() => {
    const query = new URLSearchParams(filters);
    if (before !== undefined) query.set('before', String(before));
    return api.get<Page>(`/audit?${query}`);
  }, [filters, before]);
  const [verdict, setVerdict] = useState<Verdict | undefined>(undefined);
  const verify = useAction(async () => setVerdict(await api.get<Verdict>('/audit/verify')));
  const applyFilters = () => {
    const query = new URLSearchParams({ limit: '50' });
    for (const [name, value] of [
      ['actor', actor],
      ['action', action],
      ['subject', subject],
    ] as const) {
      if (value.trim()) query.set(name, value.trim());
    }
    setBefore(undefined);
    setFilters(query);
  };
  return (
    <section>
      <h1>{t('audit')}</h1>
      <div class="card">
        <Button kind="secondary" busy={verify.busy} onClick={() => void verify.run()}>
          {t('verifyChain')}
        </Button>
        <Notice error={verify.error} />
        {verdict && (
          <p class={`notice ${verdict.ok ? 'success' : 'error'}`} role="status" data-testid="chain-verdict">
            {verdict.ok
              ? t('chainOk', { entries: verdict.entries })
              : t('chainBroken', { seq: verdict.brokenAt ?? '?', reason: verdict.reason ?? '' })}
          </p>
        )}
      </div>
      <form
        class="card row"
        aria-label={t('filter')}
        onSubmit={(event) => {
          event.preventDefault();
          applyFilters();
        }}
      >
        <Field label={t('actor')} value={actor} onValue={setActor} placeholder="staff:admin" />
        <Field label={t('action')} value={action} onValue={setAction} placeholder="wallet.lock" />
        <Field label={t('subject')} value={subject} onValue={setSubject} placeholder="customer:cus_…" />
        <Button type="submit" kind="secondary">
          {t('filter')}
        </Button>
      </form>
      <Notice error={loaded.error} />
      <table class="data audit" data-testid="audit-entries">
        <thead>
          <tr>
            <th class="num">#</th>
            <th>{t('when')}</th>
            <th>{t('actor')}</th>
            <th>{t('action')}</th>
            <th>{t('subject')}</th>
            <th>{t('details')}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.data?.entries.map((entry) => (
            <tr key={entry.seq}>
              <td class="num">{entry.seq}</td>
              <td class="nowrap">{formatTime(entry.at, locale)}</td>
              <td>{entry.actor}</td>
              <td>{entry.action}</td>
              <td>{entry.subject}</td>
              <td>
                <code>{JSON.stringify(entry.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaded.data?.next != null && (
        <Button kind="secondary" onClick={() => setBefore(loaded.data?.next ?? undefined)}>
          {t('older')}
        </Button>
      )}
    </section>
  );
}
