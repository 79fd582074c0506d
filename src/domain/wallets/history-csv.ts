// History as CSV (RFC 4180) for download; text cells are guarded against spreadsheet formula injection.
import { csvCell } from '../csv-cell.js';
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

export function historyToCsv(entries: HistoryEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        csvCell(e.at, false),
        csvCell(e.type, false),
        csvCell(e.description, false),
        csvCell(e.counterparty ?? '', false),
        csvCell(e.amount, true),
        csvCell(e.fee, true),
        csvCell(e.balance, true),
        csvCell(e.currency, false),
        csvCell(e.reference ?? '', false),
        csvCell(e.status, false),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
