import { describe, expect, it } from 'vitest';
import {
  isBlankSql,
  lineAndColumn,
  referencedNames,
  splitStatements,
  statementKeywords,
  tokenize,
} from './lexer.ts';

describe('tokenize', () => {
  it('keeps strings, quoted names, comments and dollar-quoted text whole', () => {
    const sql = `SELECT 'it''s $x', "we""ird $y", $z -- $c\n/* $d /* nested */ */ $$ $e $$, $tag$ $f $tag$`;
    const params = tokenize(sql)
      .filter((t) => t.kind === 'param')
      .map((t) => t.text);
    expect(params).toEqual(['$z']);
    expect(
      tokenize(sql)
        .map((t) => t.text)
        .join(''),
    ).toBe(sql);
  });

  it('never throws on unterminated input', () => {
    for (const sql of ["SELECT 'open", 'SELECT "open', 'SELECT /* open', 'SELECT $$ open']) {
      expect(
        tokenize(sql)
          .map((t) => t.text)
          .join(''),
      ).toBe(sql);
    }
  });
});

describe('statements', () => {
  it('splits at top-level semicolons only', () => {
    const spans = splitStatements("SELECT ';'; ; SELECT 2 -- ;\n;SELECT 3");
    expect(spans.map((s) => s.text.trim())).toEqual(["SELECT ';'", 'SELECT 2 -- ;', 'SELECT 3']);
    expect(spans[1]?.start).toBe(13);
  });

  it('finds first keywords, names and blank scripts', () => {
    expect(statementKeywords('with a as (select 1) select * from a; INSERT INTO t VALUES (1)')).toEqual([
      'with',
      'insert',
    ]);
    expect([...referencedNames('SELECT * FROM Sales JOIN "Other ""T""" USING (id)')]).toEqual(
      expect.arrayContaining(['sales', 'other "t"', 'id']),
    );
    expect(isBlankSql(' -- only a comment\n ; ')).toBe(true);
    expect(isBlankSql('SELECT 1')).toBe(false);
  });

  it('converts offsets to line and column', () => {
    expect(lineAndColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
  });
});
