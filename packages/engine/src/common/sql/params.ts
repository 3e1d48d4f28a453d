/**
 * Named query parameters. Users write `$region` (DuckDB's named-parameter syntax); both DuckDB
 * runtimes bind positional parameters most reliably, so the SQL is rewritten to `$1, $2, …` with the
 * values in the matching order. Parameters inside strings, quoted names and comments are left alone.
 */
import { InvalidArgumentError } from '../errors.ts';
import { tokenize } from './lexer.ts';

/** A value a query parameter may take. */
export type ParamValue = string | number | bigint | boolean | null | Date;

export interface BoundSql {
  sql: string;
  /** Values for `$1…$n`, in order. */
  values: ParamValue[];
}

/** Rewrites `$name` parameters to positional ones. Refuses missing values; ignores unused ones. */
export function bindNamedParams(sql: string, params: Readonly<Record<string, ParamValue>> = {}): BoundSql {
  const order = new Map<string, number>();
  const values: ParamValue[] = [];
  let out = '';
  for (const token of tokenize(sql)) {
    if (token.kind !== 'param') {
      out += token.text;
      continue;
    }
    const name = token.text.slice(1);
    if (/^[0-9]+$/.test(name)) {
      throw new InvalidArgumentError(
        `Use named parameters such as $region instead of positional ${token.text}.`,
      );
    }
    let index = order.get(name);
    if (index === undefined) {
      if (!Object.prototype.hasOwnProperty.call(params, name)) {
        throw new InvalidArgumentError(
          `The query uses the parameter $${name}, but no value was given for it.`,
        );
      }
      const value = params[name] as ParamValue;
      checkParamValue(name, value);
      values.push(value);
      index = values.length;
      order.set(name, index);
    }
    // Pad to the original length so error positions reported by DuckDB still match the user's SQL.
    out += `$${index}`.padEnd(token.text.length);
  }
  return { sql: out, values };
}

function checkParamValue(name: string, value: unknown): void {
  const ok =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (value instanceof Date && !Number.isNaN(value.getTime()));
  if (!ok) {
    throw new InvalidArgumentError(
      `The value of $${name} must be text, a finite number, a boolean, a date or null.`,
    );
  }
}
