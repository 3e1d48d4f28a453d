/** The sample project and the tour's progress, through HostApi over WebSocket. */
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { CanvasDoc, tableToRows } from '@facet/engine/common';
import { startHarness } from './rpc-harness.ts';

describe('the sample project', () => {
  it('creates a project with the weather data and a canvas whose blocks all run', async () => {
    const { connect, root } = await startHarness();
    const { api } = await connect();
    const sample = await api.projects.createSample();
    expect(sample.dir).toBe(path.join(root, 'Seattle weather (sample).facet'));
    expect(await api.sources.list()).toMatchObject([{ table: 'seattle_weather', rowCount: 1461 }]);

    const [canvas] = await api.canvases.list();
    expect(canvas?.name).toBe('Seattle weather');
    const doc = CanvasDoc.fromUpdate(await api.docs.state(canvas!.id));
    expect(doc.problems()).toEqual([]);
    const types = doc.blocks().map((b) => b.type);
    expect(types.filter((t) => t === 'chart')).toHaveLength(2);
    expect(types).toContain('metric');

    const monthly = await api.engine.runBlock(canvas!.id, 'monthly');
    expect(monthly.rowCount).toBe(48);
    const byWeather = tableToRows(tableFromIPC((await api.engine.runBlock(canvas!.id, 'by_weather')).ipc));
    expect(byWeather.map((r) => r.weather)).toEqual(['rain', 'sun', 'fog', 'drizzle', 'snow']);
    expect(byWeather.reduce((sum, r) => sum + Number(r.days), 0)).toBe(1461);
    // The metric reads a block that reads a block.
    const wettest = tableToRows(tableFromIPC((await api.engine.runBlock(canvas!.id, 'wettest')).ipc));
    expect(Number(wettest[0]?.wettest_month_mm)).toBeGreaterThan(100);

    // Asking again opens the same project rather than building a second one.
    await api.projects.create({ name: 'Other' });
    expect((await api.projects.createSample()).dir).toBe(sample.dir);
    expect(await api.canvases.list()).toHaveLength(1);
  });

  it('builds the sample once when asked twice at once', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    const [a, b] = await Promise.all([api.projects.createSample(), api.projects.createSample()]);
    expect(a.dir).toBe(b.dir);
    const [canvas] = await api.canvases.list();
    const doc = CanvasDoc.fromUpdate(await api.docs.state(canvas!.id));
    expect(doc.blocks().filter((x) => x.type === 'chart')).toHaveLength(2);
    expect(await api.sources.list()).toHaveLength(1);
  });

  it('imports the sample table into the open project once', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Mine' });
    await api.sources.importSample();
    await api.sources.importSample();
    expect((await api.sources.list()).map((s) => s.table)).toEqual(['seattle_weather']);
  });

  it('says so when the sample data is missing, and leaves no half-built project', async () => {
    const { connect, root } = await startHarness({ sampleDataPath: '/nonexistent/seattle.csv' });
    const { api } = await connect();
    await expect(api.projects.createSample()).rejects.toThrow(/sample dataset is not installed/);
    expect(fs.existsSync(path.join(root, 'Seattle weather (sample).facet'))).toBe(false);
    expect(await api.projects.current()).toBeNull();
  });
});

describe('tour progress', () => {
  it('is kept in the project, survives reopening and can be reset', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    const project = await api.projects.create({ name: 'Tour' });
    expect(await api.onboarding.get()).toEqual({});
    await api.onboarding.complete('import');
    await api.onboarding.complete('import');
    await api.onboarding.complete('query');
    await api.projects.create({ name: 'Elsewhere' });
    expect(await api.onboarding.get()).toEqual({});
    await api.projects.open(project.dir);
    const progress = await api.onboarding.get();
    expect(Object.keys(progress).sort()).toEqual(['import', 'query']);
    expect(progress.import).toBeGreaterThan(0);
    await api.onboarding.reset();
    expect(await api.onboarding.get()).toEqual({});
  });

  it('refuses step names that are empty, huge or not text', async () => {
    const { connect } = await startHarness();
    const { api } = await connect();
    await api.projects.create({ name: 'Tour' });
    await expect(api.onboarding.complete('')).rejects.toThrow(/short name/);
    await expect(api.onboarding.complete('x'.repeat(10_000))).rejects.toThrow(/short name/);
    await expect(api.onboarding.complete(42 as unknown as string)).rejects.toThrow(/string|text/);
    expect(await api.onboarding.get()).toEqual({});
  });
});
