/**
 * Which statements may be served from the result cache: read-only ones that call nothing volatile
 * (clock, randomness, sequences) and read no file directly (its contents may change unseen).
 */
import { statementKeywords } from '../sql/lexer.ts';

const READ_ONLY = new Set([
  'select',
  'with',
  'from',
  'values',
  'table',
  'summarize',
  'describe',
  'show',
  'pivot',
  'unpivot',
  'explain',
  '(',
]);
/** Functions whose result can change between two identical calls. */
const VOLATILE = new Set([
  'random',
  'now',
  'current_timestamp',
  'current_date',
  'current_time',
  'today',
  'get_current_time',
  'get_current_timestamp',
  'gen_random_uuid',
  'uuid',
  'nextval',
  'currval',
  'setseed',
  'transaction_timestamp',
  'read_csv',
  'read_csv_auto',
  'read_parquet',
  'parquet_scan',
  'read_json',
  'read_json_auto',
  'read_ndjson',
  'read_text',
  'read_blob',
  'glob',
  'sniff_csv',
  'duckdb_tables',
  'duckdb_columns',
  'duckdb_views',
  'information_schema',
  'pragma',
  'current_setting',
]);

/** True when every statement only reads. */
export function isReadOnly(sql: string): boolean {
  const keywords = statementKeywords(sql);
  return keywords.length > 0 && keywords.every((k) => READ_ONLY.has(k));
}

/** True when none of the names the SQL mentions is volatile. */
export function isCacheable(names: Iterable<string>): boolean {
  for (const name of names) if (VOLATILE.has(name)) return false;
  return true;
}
