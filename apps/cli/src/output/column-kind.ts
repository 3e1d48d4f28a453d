/** Which DuckDB types hold numbers (right-aligned in tables). Lists of numbers (`INTEGER[]`) do not. */
const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+, ?\d+\))?)$/i;

export function isNumericType(duckdbType: string): boolean {
  return NUMERIC.test(duckdbType.trim());
}
