// One CSV cell (RFC 4180) for downloads, guarded against spreadsheet formula injection.

/** Quotes a cell when needed; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: string, numeric: boolean): string {
  const guarded = !numeric && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}
