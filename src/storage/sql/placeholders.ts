// Numbered SQL placeholders for statements built at run time (IN lists, multi-row VALUES).

/** `$from, $from+1, …` for `count` parameters. */
export function placeholders(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}
