/**
 * Bounded result snapshots. A chart or table block carries its last result in the canvas document
 * (Arrow IPC) so a collaborator without the data still sees it; the document is shared and its size
 * is limited, so the snapshot keeps only the first rows that fit in a byte budget.
 */
import {
  type Data,
  DataType,
  type Dictionary,
  makeData,
  makeVector,
  RecordBatch,
  Struct,
  Table,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { InvalidArgumentError } from '../errors.ts';

export interface ResultSnapshot {
  /** Arrow IPC (stream format) of the first `rows` rows; at most the budget it was capped to. */
  ipc: Uint8Array;
  rows: number;
  /** Rows of the full result. */
  totalRows: number;
  /** True when rows were left out (show "first N of M rows"). */
  truncated: boolean;
}

/**
 * Caps an Arrow IPC result to `maxBytes`: the input itself when it fits, else the largest prefix of
 * its rows whose re-encoding fits.
 * Throws {@link InvalidArgumentError} for bytes that are not Arrow IPC, or a budget too small for
 * even the schema.
 */
export function capResultSnapshot(ipc: Uint8Array, maxBytes: number): ResultSnapshot {
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
    throw new InvalidArgumentError('A snapshot budget is a positive whole number of bytes.');
  const table = readIpc(ipc);
  const totalRows = table.numRows;
  if (ipc.byteLength <= maxBytes) return { ipc, rows: totalRows, totalRows, truncated: false };

  const encode = (rows: number) => tableToIPC(head(table, rows), 'stream');
  let best = encode(0);
  if (best.byteLength > maxBytes)
    throw new InvalidArgumentError(
      `A snapshot of this result needs at least ${best.byteLength} bytes (its schema); the budget is ${maxBytes}.`,
    );
  // Rows that fit (`fit`) and the fewest known not to (`over`). Rows cost roughly the same each, so
  // a proportional first guess lands close; from there the search doubles until it overshoots, then
  // bisects, so it never encodes much more than twice the rows that fit.
  let fit = 0;
  let over = totalRows + 1;
  let n = Math.max(1, Math.min(totalRows, Math.floor((totalRows * maxBytes) / ipc.byteLength)));
  while (over - fit > 1) {
    const bytes = encode(n);
    if (bytes.byteLength <= maxBytes) {
      best = bytes;
      fit = n;
    } else over = n;
    n = over > totalRows ? Math.min(totalRows, fit * 2) : Math.floor((fit + over) / 2);
  }
  const bestRows = fit;
  return { ipc: best, rows: bestRows, totalRows, truncated: bestRows < totalRows };
}

/**
 * The first `rows` rows. A slice shares its dictionaries with the whole table (a column of distinct
 * strings carries every value), so dictionary columns are re-encoded with only the values they use.
 */
function head(table: Table, rows: number): Table {
  const sliced = table.slice(0, rows);
  const dictionary = table.schema.fields.map((f) => DataType.isDictionary(f.type));
  if (!dictionary.includes(true)) return sliced;
  const batches = sliced.batches.map((batch) => {
    const children = batch.schema.fields.map((field, i): Data => {
      const data: Data = batch.data.children[i]!;
      if (!dictionary[i]) return data;
      const values: unknown[] = [...makeVector(data)];
      const rebuilt: Vector<Dictionary> = vectorFromArray(values, field.type as Dictionary);
      return rebuilt.data[0]!;
    });
    const type = new Struct(batch.schema.fields);
    return new RecordBatch(batch.schema, makeData({ type, length: batch.numRows, nullCount: 0, children }));
  });
  return new Table(sliced.schema, batches);
}

function readIpc(ipc: Uint8Array): Table {
  try {
    const table = tableFromIPC(ipc);
    if (table.schema.fields.length === 0 && ipc.byteLength > 0) throw new Error('no schema');
    return table;
  } catch {
    throw new InvalidArgumentError('The snapshot is not Arrow IPC data.');
  }
}
