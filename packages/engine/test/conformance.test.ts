/**
 * One conformance suite, run against both runtimes: native DuckDB and DuckDB-WASM. Everything a
 * caller can observe through the `Engine` interface must behave the same in both.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelledError,
  type DuckDbEngine,
  InvalidArgumentError,
  SourceFormatError,
  SourceNotFoundError,
  SqlError,
  tableToRows,
  TimeoutError,
} from '@facet/engine/common';
import { createNativeEngine, createWasmEngine } from '@facet/engine/node';
import { tempDir, vegaFile, writeMalformed, writeSqlite, writeWorkbook } from './fixtures.ts';

const SLOW_QUERY = 'SELECT sum(hash(x)) FROM range(10000000000) t(x)';

describe.each([
  ['native', createNativeEngine],
  ['wasm', createWasmEngine],
] as const)('%s engine', (kind, create) => {
  let engine: DuckDbEngine;
  const dir = tempDir();

  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine?.close();
  });

  const rows = async (sql: string, params?: Record<string, string | number>) =>
    tableToRows((await engine.query(sql, { params, cache: false })).table);

  describe('sources', () => {
    it('reads real CSV, TSV, JSON and Arrow files with the right names, counts and types', async () => {
      const cases = [
        [
          'seattle-weather.csv',
          'seattle_weather',
          1461,
          { date: 'DATE', precipitation: 'DOUBLE', weather: 'VARCHAR' },
        ],
        ['unemployment.tsv', 'unemployment', 3218, { id: 'BIGINT', rate: 'DOUBLE' }],
        [
          'cars.json',
          'cars',
          406,
          { Name: 'VARCHAR', Miles_per_Gallon: 'DOUBLE', Cylinders: 'BIGINT', Year: 'DATE' },
        ],
        [
          'flights-200k.arrow',
          'flights_200k',
          200000,
          { delay: 'SMALLINT', distance: 'SMALLINT', time: 'FLOAT' },
        ],
        ['airports.csv', 'airports', 3376, { iata: 'VARCHAR', latitude: 'DOUBLE', longitude: 'DOUBLE' }],
      ] as const;
      for (const [file, table, count, types] of cases) {
        const [info] = await engine.register({ name: file, path: vegaFile(file) });
        expect(info?.name).toBe(table);
        expect(info?.rowCount).toBe(count);
        const columnTypes = Object.fromEntries(info!.columns.map((c) => [c.name, c.type]));
        expect(columnTypes).toMatchObject(types);
      }
    });

    it('reads the 3M-row flights Parquet file', async () => {
      const [info] = await engine.register({
        name: 'flights-3m.parquet',
        path: vegaFile('flights-3m.parquet'),
      });
      expect(info).toMatchObject({ name: 'flights_3m', rowCount: 3_000_000, format: 'parquet' });
      expect(info!.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
        'date:TIMESTAMP',
        'delay:BIGINT',
        'distance:BIGINT',
        'origin:VARCHAR',
        'destination:VARCHAR',
      ]);
      const [top] = await rows(
        'SELECT origin, count(*) AS n FROM flights_3m GROUP BY origin ORDER BY n DESC LIMIT 1',
      );
      expect(top?.n).toBeGreaterThan(50_000);
    }, 120_000);

    it('reads every sheet of an Excel workbook, plus the file name for the first sheet', async () => {
      const file = writeWorkbook(dir);
      const infos = await engine.register({ name: path.basename(file), path: file });
      const byName = Object.fromEntries(infos.map((t) => [t.name, t]));
      expect(Object.keys(byName).sort()).toEqual([
        'sales_report_2024',
        'sales_report_2024_orders',
        'sales_report_2024_region_targets',
      ]);
      const orders = byName.sales_report_2024_orders!;
      expect(orders.rowCount).toBe(250);
      expect(orders.part).toBe('Orders');
      expect(Object.fromEntries(orders.columns.map((c) => [c.name, c.type]))).toEqual({
        order_id: 'INTEGER',
        customer: 'VARCHAR',
        amount: 'DOUBLE',
        ordered_at: 'DATE',
        paid: 'BOOLEAN',
      });
      expect(byName.sales_report_2024?.rowCount).toBe(250);
      expect(
        await rows('SELECT region, target FROM sales_report_2024_region_targets ORDER BY region'),
      ).toEqual([
        { region: 'East', target: null },
        { region: 'North', target: 1000 },
        { region: 'South', target: 1500.5 },
        { region: 'West', target: 900 },
      ]);
      const [one] = await engine.register({ name: 'orders-only.xlsx', path: file, sheet: 'Orders' });
      expect(one).toMatchObject({ name: 'orders_only', rowCount: 250 });
    });

    it('reads each table of a SQLite database with types from its declarations', async () => {
      const file = writeSqlite(dir);
      const infos = await engine.register({ name: 'shop.sqlite', path: file });
      expect(infos.map((t) => [t.name, t.rowCount]).sort()).toEqual([
        ['shop_order_lines', 1000],
        ['shop_products', 120],
      ]);
      const products = infos.find((t) => t.name === 'shop_products')!;
      expect(Object.fromEntries(products.columns.map((c) => [c.name, c.type]))).toEqual({
        id: 'BIGINT',
        name: 'VARCHAR',
        price: 'DOUBLE',
        photo: 'BLOB',
        active: 'BOOLEAN',
      });
      const [stats] = await rows(
        'SELECT count(price) AS priced, sum(qty) AS qty FROM shop_products JOIN shop_order_lines ON id = product_id',
      );
      expect(stats).toEqual({ priced: 900, qty: 3000 });
    });

    it('reads sources given as bytes, and honours an explicit table name and CSV options', async () => {
      const bytes = new TextEncoder().encode('x;y\n1;hello\n2;"semi;colon"\n');
      const [info] = await engine.register({
        name: 'upload.txt',
        bytes,
        format: 'csv',
        tableName: 'My Upload!',
      });
      expect(info?.name).toBe('my_upload_');
      expect(await rows('SELECT * FROM my_upload_ ORDER BY x')).toEqual([
        { x: 1, y: 'hello' },
        { x: 2, y: 'semi;colon' },
      ]);
      const [noHeader] = await engine.register({
        name: 'raw.csv',
        bytes: new TextEncoder().encode('1,2\n3,4\n'),
        csv: { header: false },
      });
      expect(noHeader?.rowCount).toBe(2);
    });

    it('replaces a table when its source is registered again, and invalidates cached results', async () => {
      const file = path.join(dir, 'changing.csv');
      writeFileSync(file, 'v\n1\n2\n');
      await engine.register({ name: 'changing.csv', path: file });
      const first = await engine.query('SELECT sum(v) AS s FROM changing');
      const again = await engine.query('SELECT sum(v) AS s FROM changing');
      expect(again.cached).toBe(true);
      expect(tableToRows(again.table)).toEqual(tableToRows(first.table));
      writeFileSync(file, 'v\n10\n20\n30\n');
      await engine.register({ name: 'changing.csv', path: file });
      const after = await engine.query('SELECT sum(v) AS s FROM changing');
      expect(after.cached).toBe(false);
      expect(tableToRows(after.table)).toEqual([{ s: 60 }]);
    });

    it('gives a typed error for malformed files and registers nothing', async () => {
      const files = writeMalformed(path.join(dir, 'bad'));
      const truncated = path.join(dir, 'bad', 'half.parquet');
      const real = readFileSync(vegaFile('flights-3m.parquet'));
      writeFileSync(truncated, real.subarray(0, real.length >> 1));
      const before = (await engine.tables()).map((t) => t.name).sort();
      for (const [name, file] of [...Object.entries(files), ['half.parquet', truncated] as const]) {
        const error = await engine.register({ name, path: file }).catch((e: unknown) => e);
        expect(error, name).toBeInstanceOf(SourceFormatError);
        expect((error as Error).message, name).toContain(name);
        expect((error as Error).message, name).not.toMatch(/\n\s+at /);
      }
      expect((await engine.tables()).map((t) => t.name).sort()).toEqual(before);
      expect(await rows('SELECT 1 AS still_working')).toEqual([{ still_working: 1 }]);
    }, 120_000);

    it('reports the line of encoding problems and ragged rows', async () => {
      const files = writeMalformed(path.join(dir, 'lines'));
      const utf8 = (await engine
        .register({ name: 'invalid-utf8.csv', path: files['invalid-utf8.csv']! })
        .catch((e: unknown) => e)) as SourceFormatError;
      expect(utf8.line).toBe(3);
      expect(utf8.message).toMatch(/UTF-8/);
      const ragged = (await engine
        .register({ name: 'ragged.csv', path: files['ragged.csv']! })
        .catch((e: unknown) => e)) as SourceFormatError;
      expect(ragged.line).toBe(3);
      expect(ragged.message).toMatch(/number of fields/);
    });

    it('survives hostile names, headers and shapes', async () => {
      const hostile = path.join(dir, 'hostile');
      mkdirSync(hostile, { recursive: true });
      const evilName = path.join(hostile, 'x"; DROP TABLE seattle_weather; --.csv');
      writeFileSync(evilName, '"we""ird", "", a, a, ✓ emoji 🎉, "semi;colon"\n1,2,3,4,5,6\n');
      const [evil] = await engine.register({ name: path.basename(evilName), path: evilName });
      expect(evil?.name).toBe('x_drop_table_seattle_weather_');
      expect(evil?.rowCount).toBe(1);
      expect(evil?.columns).toHaveLength(6);
      const cell = 'x'.repeat(5_000_000);
      const [wide] = await engine.register({
        name: 'huge-cell.csv',
        bytes: new TextEncoder().encode(`big,small\n"${cell}",1\n`),
      });
      expect(wide?.rowCount).toBe(1);
      expect(await rows('SELECT length(big) AS n FROM huge_cell')).toEqual([{ n: 5_000_000 }]);
      const deep = `[{"v": ${'['.repeat(20_000)}${']'.repeat(20_000)}}]`;
      const nested = await engine
        .register({ name: 'deep.json', bytes: new TextEncoder().encode(deep) })
        .catch((e: unknown) => e);
      // Either outcome is fine for absurd nesting — a typed error, or a table whose deep part stays JSON —
      // as long as the process survives and nothing half-registered remains.
      if (nested instanceof Error) expect(nested).toBeInstanceOf(SourceFormatError);
      else expect(await rows('SELECT count(*) AS n FROM deep')).toEqual([{ n: 1 }]);
      const many = Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',');
      const [columns] = await engine.register({
        name: 'many-columns.csv',
        bytes: new TextEncoder().encode(`${many}\n${many}\n`),
      });
      expect(columns?.columns).toHaveLength(2000);
      expect(await rows('SELECT 1 AS alive')).toEqual([{ alive: 1 }]);
    }, 120_000);

    it('says clearly when a file is missing', async () => {
      await expect(
        engine.register({ name: 'nope.csv', path: path.join(dir, 'nope.csv') }),
      ).rejects.toBeInstanceOf(SourceNotFoundError);
    });
  });

  describe('catalog and profile', () => {
    beforeAll(async () => {
      await engine.register({ name: 'seattle-weather.csv', path: vegaFile('seattle-weather.csv') });
    });

    it('lists tables with columns, types and row counts', async () => {
      const info = (await engine.tables()).find((t) => t.name === 'seattle_weather');
      expect(info).toMatchObject({ rowCount: 1461, format: 'csv', source: 'seattle-weather.csv' });
      expect(info?.columns.map((c) => c.name)).toEqual([
        'date',
        'precipitation',
        'temp_max',
        'temp_min',
        'wind',
        'weather',
      ]);
      expect(info?.fingerprint).toBeTruthy();
    });

    it('profiles every column in SQL', async () => {
      const profile = await engine.profile('seattle_weather', { bins: 10 });
      expect(profile.rowCount).toBe(1461);
      const col = Object.fromEntries(profile.columns.map((c) => [c.name, c]));
      const tempMax = col.temp_max!;
      expect(tempMax).toMatchObject({ category: 'number', nulls: 0, min: -1.6, max: 35.6 });
      expect(tempMax.mean).toBeCloseTo(16.439, 2);
      expect(tempMax.stddev).toBeGreaterThan(7);
      expect(tempMax.quantiles?.p50).toBeGreaterThan(10);
      expect(tempMax.histogram).toHaveLength(10);
      expect(tempMax.histogram!.reduce((n, b) => n + b.count, 0)).toBe(1461);
      expect(col.weather?.topValues?.[0]).toEqual({ value: 'rain', count: 641 });
      expect(col.weather?.distinct).toBe(5);
      expect(col.date).toMatchObject({ category: 'temporal', min: '2012-01-01', max: '2015-12-31' });
      expect(col.date!.histogram!.reduce((n, b) => n + b.count, 0)).toBe(1461);
    });
  });

  describe('queries', () => {
    it('returns Arrow with DuckDB types, and values as users expect them', async () => {
      const result = await engine.query(
        `SELECT 1::BIGINT AS big, 2.5::DECIMAL(10,2) AS dec, sum(x) AS huge, DATE '2024-02-29' AS d,
           TIMESTAMP '2024-02-29 13:14:15.123456' AS ts, NULL::INTEGER AS nothing, 'text' AS s, true AS b
         FROM (VALUES (40::BIGINT), (2::BIGINT)) t(x)`,
      );
      expect(result.columns.map((c) => c.type)).toEqual([
        'BIGINT',
        'DECIMAL(10,2)',
        'HUGEINT',
        'DATE',
        'TIMESTAMP',
        'INTEGER',
        'VARCHAR',
        'BOOLEAN',
      ]);
      expect(tableToRows(result.table)).toEqual([
        {
          big: 1,
          dec: 2.5,
          huge: 42,
          d: '2024-02-29',
          ts: '2024-02-29T13:14:15.123456',
          nothing: null,
          s: 'text',
          b: true,
        },
      ]);
    });

    it('returns lists and structs as nested values', async () => {
      expect(
        await rows(
          `SELECT [1, 2, NULL] AS l, {'x': 1, 'y': 'a', 'd': DATE '2020-01-02'} AS s, [[1.5::DOUBLE]] AS ll,
             [10000000000::BIGINT] AS bl, NULL::INTEGER[] AS nl, [2.5::DECIMAL(4,1)] AS decl,
             [TIMESTAMP '2020-01-01 10:00:00'] AS tl`,
        ),
      ).toEqual([
        {
          l: [1, 2, null],
          s: { x: 1, y: 'a', d: '2020-01-02' },
          ll: [[1.5]],
          bl: [10000000000],
          nl: null,
          decl: [2.5],
          tl: ['2020-01-01T10:00:00'],
        },
      ]);
    });

    it('returns enums, intervals, maps and repeated column names the same way', async () => {
      const result = await engine.query(
        `SELECT 'x'::ENUM('x', 'y') AS en, INTERVAL '1 year 2 months 3 days 04:05:06.5' AS iv, -INTERVAL 90 MINUTE AS neg,
           MAP {'k': 1, 'j': 2} AS m, 1 AS a, 2 AS a`,
      );
      expect(tableToRows(result.table)).toEqual([
        {
          en: 'x',
          iv: '1 year 2 months 3 days 04:05:06.5',
          neg: '-01:30:00',
          m: { k: 1, j: 2 },
          a: 1,
          a_1: 2,
        },
      ]);
      expect(result.columns.find((c) => c.name === 'm')?.type).toBe('MAP(VARCHAR, INTEGER)');
    });

    it('reports syntax errors in one readable form', async () => {
      const error = (await engine.query('SELEC 1').catch((e: unknown) => e)) as SqlError;
      expect(error.message).toBe('Parser Error: syntax error at or near "SELEC" (line 1, column 1)');
    });

    it('binds named parameters, also inside larger queries, and leaves strings alone', async () => {
      expect(
        await rows("SELECT $a + 1 AS n, '$a' AS literal, $b AS s, $a * 2 AS twice", { a: 41, b: "it's" }),
      ).toEqual([{ n: 42, literal: '$a', s: "it's", twice: 82 }]);
      await expect(engine.query('SELECT $missing')).rejects.toBeInstanceOf(InvalidArgumentError);
    });

    it('streams big results as record batches', async () => {
      let total = 0;
      let batches = 0;
      for await (const batch of engine.stream('SELECT range AS i FROM range(300000)')) {
        total += batch.numRows;
        batches++;
      }
      expect(total).toBe(300_000);
      expect(batches).toBeGreaterThan(1);
    });

    it('pages through a result and counts it', async () => {
      const page = await engine.page('SELECT range AS i FROM range(1000) ORDER BY i;', {
        offset: 990,
        limit: 20,
        withTotal: true,
      });
      expect(page.rowCount).toBe(10);
      expect(page.totalRows).toBe(1000);
      expect(tableToRows(page.table)[0]).toEqual({ i: 990 });
    });

    it('runs scripts of several statements and returns the last result', async () => {
      expect(
        await rows(
          'CREATE OR REPLACE TABLE scratch AS SELECT 1 AS a; INSERT INTO scratch VALUES (2); SELECT sum(a) AS s FROM scratch',
        ),
      ).toEqual([{ s: 3 }]);
    });

    it('explains a plan', async () => {
      await engine.register({ name: 'seattle-weather.csv', path: vegaFile('seattle-weather.csv') });
      const plan = await engine.explain('SELECT weather, count(*) FROM seattle_weather GROUP BY weather');
      expect(plan).toMatch(/AGGREGATE|GROUP_BY/);
    });

    it('validates SQL and reports the line and column of errors', async () => {
      expect(await engine.validate('SELECT 1')).toEqual({ ok: true });
      const parse = await engine.validate('SELECT 1;\nSELECT *\n  FORM seattle_weather');
      expect(parse).toMatchObject({ ok: false, kind: 'Parser', line: 3, column: 8 });
      await engine.register({ name: 'seattle-weather.csv', path: vegaFile('seattle-weather.csv') });
      const bind = await engine.validate('SELECT nope FROM seattle_weather');
      expect(bind).toMatchObject({ ok: false, kind: 'Binder', line: 1, column: 8 });
    });

    it('throws SqlError with a position for bad queries', async () => {
      const error = (await engine.query('SELECT *\nFROM no_such_table').catch((e: unknown) => e)) as SqlError;
      expect(error).toBeInstanceOf(SqlError);
      expect(error.kind).toBe('Catalog');
      expect(error.line).toBe(2);
      expect(error.message).not.toMatch(/LINE 2:/);
    });

    it('cancels a running query and stays usable', async () => {
      const controller = new AbortController();
      const running = engine.query(SLOW_QUERY, { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      await expect(running).rejects.toBeInstanceOf(CancelledError);
      expect(await rows('SELECT 2 AS after_cancel')).toEqual([{ after_cancel: 2 }]);
    });

    it('stops a query at its timeout and stays usable', async () => {
      await expect(engine.query(SLOW_QUERY, { timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError);
      expect(await rows('SELECT 3 AS after_timeout')).toEqual([{ after_timeout: 3 }]);
    });

    it('cancels everything with cancelAll', async () => {
      const running = engine.query(SLOW_QUERY);
      setTimeout(() => engine.cancelAll(), 200);
      await expect(running).rejects.toBeInstanceOf(CancelledError);
    });

    it('caches read-only results and forgets them after writes', async () => {
      await engine.query('CREATE OR REPLACE TABLE counter AS SELECT 1 AS n');
      const first = await engine.query('SELECT n FROM counter');
      expect((await engine.query('SELECT n FROM counter')).cached).toBe(true);
      await engine.query('UPDATE counter SET n = 5');
      const after = await engine.query('SELECT n FROM counter');
      expect(after.cached).toBe(false);
      expect(tableToRows(after.table)).toEqual([{ n: 5 }]);
      expect(first.cached).toBe(false);
      expect((await engine.query('SELECT random() AS r')).cached).toBe(false);
      expect((await engine.query('SELECT random() AS r')).cached).toBe(false);
    });

    it('refuses empty SQL clearly', async () => {
      await expect(engine.query('  -- nothing\n ')).rejects.toBeInstanceOf(InvalidArgumentError);
    });
  });

  if (kind === 'native') {
    it('uses every core, a memory limit and a spill directory', async () => {
      const [settings] = await rows(
        "SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS mem, current_setting('temp_directory') AS tmp",
      );
      expect(Number(settings?.threads)).toBeGreaterThanOrEqual(1);
      expect(String(settings?.mem)).toMatch(/iB$/);
      expect(String(settings?.tmp)).toContain('facet-duckdb-');
    });
  }
});
