/** Mapping between Arrow types and DuckDB type names. */
import { DataType, type Field, TimeUnit } from 'apache-arrow';

/** The DuckDB type name that an Arrow type stands for (as DuckDB-WASM exports them). */
export function duckdbTypeForArrow(type: DataType): string {
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (DataType.isInt(type)) {
    const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };
    const name = names[type.bitWidth] ?? 'BIGINT';
    return type.isSigned ? name : `U${name}`;
  }
  if (DataType.isFloat(type)) return type.precision === 0 || type.precision === 1 ? 'FLOAT' : 'DOUBLE';
  if (DataType.isDecimal(type)) {
    return type.scale === 0 && type.precision === 38 ? 'HUGEINT' : `DECIMAL(${type.precision},${type.scale})`;
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'VARCHAR';
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type))
    return 'BLOB';
  if (DataType.isDate(type)) return 'DATE';
  if (DataType.isTimestamp(type)) {
    if (type.timezone) return 'TIMESTAMP WITH TIME ZONE';
    if (type.unit === TimeUnit.SECOND) return 'TIMESTAMP_S';
    if (type.unit === TimeUnit.MILLISECOND) return 'TIMESTAMP_MS';
    if (type.unit === TimeUnit.NANOSECOND) return 'TIMESTAMP_NS';
    return 'TIMESTAMP';
  }
  if (DataType.isTime(type)) return 'TIME';
  if (DataType.isInterval(type)) return 'INTERVAL';
  if (DataType.isDictionary(type)) return duckdbTypeForArrow(type.dictionary);
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const child = type.children[0] as Field | undefined;
    return `${child ? duckdbTypeForArrow(child.type) : 'VARCHAR'}[]`;
  }
  if (DataType.isStruct(type)) {
    return `STRUCT(${type.children.map((f) => `"${f.name}" ${duckdbTypeForArrow(f.type)}`).join(', ')})`;
  }
  if (DataType.isMap(type)) {
    const entries = type.children[0]?.type as DataType | undefined;
    const [key, value] = entries?.children ?? [];
    return key && value ? `MAP(${duckdbTypeForArrow(key.type)}, ${duckdbTypeForArrow(value.type)})` : 'MAP';
  }
  if (DataType.isNull(type)) return 'NULL';
  return 'VARCHAR';
}
