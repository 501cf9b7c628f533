/**
 * Writing CSV: a cell is quoted only when it must be, as the console's template
 * does: when it holds a comma, a quote or a line break, or when it starts or
 * ends with white space, which reading trims from an unquoted cell (csv-parse's
 * `trim` trims exactly the characters of JavaScript's `\s`; see load/csv.ts).
 * So what is written reads back as the same text.
 */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}
