// History as CSV (RFC 4180) for download; text cells are guarded against spreadsheet formula injection.
import type { HistoryEntry } from './history.js';

const COLUMNS = [
  'time',
  'type',
  'description',
  'counterparty',
  'amount',
  'fee',
  'balance',
  'currency',
  'reference',
  'status',
] as const;

/** Quotes a cell when needed; text that a spreadsheet would run as a formula gets a leading apostrophe. */
function cell(value: string, numeric: boolean): string {
  const guarded = !numeric && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function historyToCsv(entries: HistoryEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        cell(e.at, false),
        cell(e.type, false),
        cell(e.description, false),
        cell(e.counterparty ?? '', false),
        cell(e.amount, true),
        cell(e.fee, true),
        cell(e.balance, true),
        cell(e.currency, false),
        cell(e.reference ?? '', false),
        cell(e.status, false),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
