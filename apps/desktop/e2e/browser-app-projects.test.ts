/**
 * The browser app's projects end to end, in a real Chromium against the static build: versions,
 * diffs, restore, branches and merge; the sample project; two tabs of one project kept in step;
 * files kept in IndexedDB where OPFS is missing; duplicate and delete; every file format the browser
 * reads, through the file chooser, and a bad file's explanation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import Database from 'better-sqlite3';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserApp,
  createProject,
  expectNoCspViolations,
  gridRows,
  importFile,
  indexedDbFiles,
  runSql,
  SLOW,
  startBrowserApp,
} from './browser-app-kit.ts';
import { haveChromium, SCREENSHOTS } from './browser.ts';

describe.skipIf(!haveChromium)('browser app projects in Chromium', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('saves versions, shows what changed, restores, branches and merges back', async () => {
    const context = await app.profile();
    const page = await app.open(context);
    await createProject(page, 'Versions');
    const csv = path.join(app.work, 'sales.csv');
    fs.writeFileSync(csv, 'region,amount\nnorth,10\nsouth,20\nnorth,5\n');
    await importFile(page, csv);
    await page.getByText('Imported sales (3 rows)').waitFor();
    await runSql(page, 'SELECT region, sum(amount) AS total FROM sales GROUP BY region ORDER BY region');
    const sql = page.getByRole('textbox', { name: 'SQL' });
    await page.getByRole('grid').getByRole('gridcell', { name: '15' }).waitFor();

    const history = page.getByRole('dialog', { name: 'History' });
    await page.getByRole('button', { name: 'History' }).click();
    await history.getByRole('textbox', { name: 'Save a version' }).fill('Totals by region');
    await history.getByRole('button', { name: 'Save version' }).click();
    await history.getByRole('listitem', { name: 'Totals by region' }).waitFor();
    await page.keyboard.press('Escape');

    // An edit after the version: the SQL changes and so do the numbers.
    await sql.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' LIMIT 1');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.getByRole('grid').getByRole('row').count(), SLOW).toBe(2);
    await page.getByRole('button', { name: 'History' }).click();
    const version = history.getByRole('listitem', { name: 'Totals by region', exact: true });
    await version.getByRole('button', { name: 'Changes' }).click();
    await history.getByLabel('Changes').getByText('query_1').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-history.png') });
    await version.getByRole('button', { name: 'Restore' }).click();
    await history.getByRole('status').getByText('Restored "Totals by region"').waitFor();
    await page.keyboard.press('Escape');
    // The restore was made by the host; it reaches the page as a document update.
    await expect.poll(() => sql.textContent(), SLOW).not.toContain('LIMIT 1');

    // A branch from the version, edited, then merged back.
    page.once('dialog', (dialog) => void dialog.accept('Experiment'));
    await page.getByRole('button', { name: 'History' }).click();
    await version.getByRole('button', { name: 'Branch' }).click();
    await expect.poll(() => page.getByText('Experiment').count(), SLOW).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).waitFor();
    await page.keyboard.type('Tried on a branch');
    await page.getByRole('button', { name: 'Done' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'History' }).click();
    await history.getByRole('button', { name: /Merge into/ }).click();
    await page.getByLabel('Note text').getByText('Tried on a branch').waitFor();
    await expect.poll(() => sql.textContent(), SLOW).not.toContain('LIMIT 1');
    await page.getByRole('button', { name: 'History' }).click();
    await history.getByRole('listitem', { name: 'Merged "Experiment"' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-merged.png') });
    await expectNoCspViolations(page);
    await context.close();
  }, 180_000);

  it("opens the sample project, and two tabs of one project see each other's edits", async () => {
    const context = await app.profile();
    const page = await app.open(context);
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await expect.poll(() => page.title(), SLOW).toBe('Seattle weather (sample) — Facet');
    // The sample has its data in: the tour starts at the query step.
    const tour = page.getByRole('dialog', { name: 'Tour' });
    await tour.getByText('Ask with SQL').waitFor();
    await tour.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('region', { name: 'Data' }).getByText('seattle_weather').waitFor();
    await expect.poll(() => page.locator('[aria-label^="Chart:"]').count(), SLOW).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-sample.png') });

    // A second tab opens the same project; a note added in one appears in the other.
    const other = await app.open(context);
    await expect.poll(() => other.title(), SLOW).toBe('Seattle weather (sample) — Facet');
    await other.getByRole('button', { name: 'New note' }).click();
    await other.getByRole('textbox', { name: 'Note' }).waitFor();
    await other.keyboard.type('Written in the other tab');
    await other.getByRole('button', { name: 'Done' }).click();
    // The first tab finds it (it landed below the view): search, pick, and it is shown.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search' }).fill('other tab');
    await page
      .getByRole('listbox', { name: 'Results' })
      .getByRole('option', { name: /Written in the other tab/ })
      .click();
    // A note added elsewhere arrives as new (so open for editing), with the other tab's text.
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Note' }).textContent(), SLOW)
      .toBe('Written in the other tab');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-two-tabs.png') });
    await expectNoCspViolations(page);
    await context.close();
  }, 180_000);

  it('keeps files in IndexedDB where OPFS is missing, and duplicates and deletes projects', async () => {
    const context = await app.profile({ noOpfs: true });
    const page = await app.open(context);
    expect(await page.evaluate<boolean>("'getDirectory' in navigator.storage")).toBe(false);
    await createProject(page, 'Plain');
    const json = path.join(app.work, 'points.json');
    fs.writeFileSync(
      json,
      JSON.stringify([
        { x: 1, label: 'a' },
        { x: 2, label: 'b' },
      ]),
    );
    await importFile(page, json);
    await page.getByText('Imported points (2 rows)').waitFor();

    // Duplicate, then open the copy: its data came along.
    await page.getByRole('button', { name: 'Projects' }).click();
    const list = page.getByRole('list', { name: 'Projects' });
    await list.getByRole('button', { name: 'More for Plain' }).click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    const copy = list.getByRole('listitem', { name: /^Plain / });
    await copy.waitFor();
    await copy.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.title(), SLOW).toMatch(/^Plain .* — Facet$/);
    await page.reload();
    await runSql(page, "SELECT sum(x) AS s, string_agg(label, '+') AS l FROM points");
    await page.getByRole('grid').getByRole('gridcell', { name: 'a+b' }).waitFor();
    expect(await indexedDbFiles(page)).toBe(2); // one per project: the copy has its own

    // Delete the original (confirmed); the copy stays.
    await page.getByRole('button', { name: 'Projects' }).click();
    await list.getByRole('button', { name: 'More for Plain', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await list.getByRole('button', { name: 'Delete for good' }).click();
    await expect.poll(() => list.getByRole('listitem').count(), SLOW).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-projects.png') });
    await expectNoCspViolations(page);
    await context.close();
  }, 180_000);

  it('imports every format it reads through the file chooser, keeps them across a reload, and explains a bad file', async () => {
    const dir = path.join(app.work, 'formats');
    fs.mkdirSync(dir, { recursive: true });
    const file = (name: string, bytes: string | Uint8Array): string => {
      fs.writeFileSync(path.join(dir, name), bytes);
      return path.join(dir, name);
    };
    const book = utils.book_new();
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([
        ['city', 'n'],
        ['Oslo', 1],
        ['Lyon', 2],
      ]),
      'North',
    );
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([
        ['city', 'n'],
        ['Rome', 3],
      ]),
      'South',
    );
    const sqlitePath = path.join(dir, 'shop.sqlite');
    const db = new Database(sqlitePath);
    db.exec(
      "CREATE TABLE items (id INTEGER, label TEXT, code BLOB); INSERT INTO items VALUES (1, 'pen', X'00ff'), (2, 'ink', NULL);",
    );
    db.close();
    const files = [
      file('tabs.tsv', 'k\tv\n1\tone\n2\ttwo\n'),
      file('lines.ndjson', '{"k":1,"ok":true}\n{"k":2,"ok":false}\n{"k":3,"ok":null}\n'),
      file(
        'cols.parquet',
        new Uint8Array(
          parquetWriteBuffer({
            columnData: [
              { name: 'k', data: [1, 2, 3, 4], type: 'INT32' },
              { name: 'w', data: ['a', 'b', 'c', 'd'], type: 'STRING' },
            ],
          }),
        ),
      ),
      file('book.xlsx', new Uint8Array(write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)),
      sqlitePath,
    ];
    const context = await app.profile();
    const page = await app.open(context);
    await createProject(page, 'Formats');
    await importFile(page, files);
    await page
      .getByText(
        'Imported tabs (2 rows), lines (3 rows), cols (4 rows), book (2 rows), book_north (2 rows), book_south (1 rows), shop (2 rows)',
      )
      .waitFor(SLOW);
    await page.reload();
    await runSql(
      page,
      `SELECT (SELECT string_agg(v, ',' ORDER BY k) FROM tabs) AS tsv, (SELECT sum(k) FROM lines WHERE ok) AS nd,
       (SELECT string_agg(w, '' ORDER BY k) FROM cols) AS pq, (SELECT sum(n) FROM book) AS xl,
       (SELECT city FROM book_south) AS sheet, (SELECT string_agg(label, '+' ORDER BY id) FROM shop) AS db,
       (SELECT octet_length(code) FROM shop WHERE id = 1) AS blob`,
    );
    await page.getByRole('grid').getByRole('gridcell', { name: 'pen+ink' }).waitFor(SLOW);
    expect(await gridRows(page)).toEqual([
      ['tsv', 'nd', 'pq', 'xl', 'sheet', 'db', 'blob'],
      ['one,two', '1', 'abcd', '3', 'Rome', 'pen+ink', '2'],
    ]);

    // A file that cannot be read is refused with a reason a person can act on.
    await importFile(page, file('empty.csv', ''));
    await page.getByRole('alert').getByText(/empty/).waitFor(SLOW);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-app-formats.png') });
    await expectNoCspViolations(page);
    await context.close();
  }, 180_000);
});
