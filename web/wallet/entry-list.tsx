// A list of wallet entries: what, with whom, when, and the signed amount.
import { formatTime } from '../shared/format.js';
import { useLocale } from '../shared/i18n.js';
import { Money } from '../shared/ui.js';
import { useT } from './texts.js';
import type { HistoryEntry } from './types.js';

export function EntryList(props: { entries: HistoryEntry[] }) {
  const t = useT();
  const locale = useLocale();
  if (props.entries.length === 0) return <p class="muted">{t('noActivity')}</p>;
  return (
    <ul class="list" data-testid="entries">
      {props.entries.map((entry) => (
        <li key={entry.id}>
          <div>
            <div>{entry.counterparty ?? t(`type_${entry.type}`)}</div>
            <small class="muted">
              {t(`type_${entry.type}`)} · {formatTime(entry.at, locale)}
            </small>
          </div>
          <Money amount={entry.amount} currency={entry.currency} signed />
        </li>
      ))}
    </ul>
  );
}
