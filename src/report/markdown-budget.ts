/**
 * Fitting Markdown into GitHub's size limits by dropping table rows, most important table first,
 * rather than cutting text mid-row (which would break the table and any open `<details>`).
 */

export interface BudgetTable {
  /** header and separator line, always shown with the table */
  readonly header: string;
  readonly rows: readonly string[];
}

/** A room for the "…and N more" notes the caller adds under trimmed tables. */
const NOTE_RESERVE = 400;

/**
 * How many rows of each table to keep so that `fixedLength` (everything but the rows) plus the rows
 * stays within `limit`. Tables are served in the order given; a table either keeps all its rows or
 * as many as fit, and every later table then gets only what is left.
 */
export function rowsThatFit(tables: readonly BudgetTable[], fixedLength: number, limit: number): number[] {
  const total = fixedLength + tables.reduce((sum, table) => sum + table.rows.reduce((s, row) => s + row.length + 1, 0), 0);
  if (total <= limit) return tables.map((table) => table.rows.length);
  let left = limit - fixedLength - NOTE_RESERVE * tables.length;
  return tables.map((table) => {
    let kept = 0;
    for (const row of table.rows) {
      if (row.length + 1 > left) break;
      left -= row.length + 1;
      kept += 1;
    }
    // once a table is cut, later ones get no rows: a gap in the middle would be confusing
    if (kept < table.rows.length) left = 0;
    return kept;
  });
}

/** The last resort for text that is too long even without rows: cut at a line and say so. */
export function hardLimit(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  const room = Math.max(0, limit - note.length - 2);
  const cut = text.lastIndexOf("\n", room);
  return `${text.slice(0, cut > 0 ? cut : room)}\n\n${note}`;
}
