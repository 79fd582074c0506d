// PostgreSQL array literals for ids, numbers, booleans and plain words: built by us, not escaped per element.
/** One value of a column: uuid text, an integer, a boolean, a plain lowercase word, or NULL. */
export type Cell = string | number | bigint | boolean | null;

/** `{a,b,NULL}` for values that need no quoting (uuids, integers, booleans, [a-z] words), joined as one flat string. */
export function arrayLiteral(values: readonly Cell[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts[i] = value === null || value === undefined ? 'NULL' : String(value);
  }
  return `{${parts.join(',')}}`;
}
