import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Bounds,
  DEFAULT_SIZE,
  fitToDisplays,
  MIN_SIZE,
  readWindowState,
  writeWindowState,
} from './window-state.ts';

const laptop: Bounds = { x: 0, y: 25, width: 1440, height: 875 };
const rightMonitor: Bounds = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-window-state-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips bounds and the maximized flag, creating the folder', () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    const state = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('treats a missing, corrupt or ill-shaped file as no saved state', () => {
    const file = path.join(dir, 'window-state.json');
    expect(readWindowState(file)).toBeUndefined();
    fs.writeFileSync(file, '{"bounds": {"x": 1, ');
    expect(readWindowState(file)).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 100 } }));
    expect(readWindowState(file)).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify({ bounds: { x: 'left', y: 0, width: 900, height: 700 } }));
    expect(readWindowState(file)).toBeUndefined();
    fs.writeFileSync(file, 'null');
    expect(readWindowState(file)).toBeUndefined();
  });

  it('reads a non-boolean maximized flag as not maximized', () => {
    const file = path.join(dir, 'window-state.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 0, y: 0, width: 900, height: 700 }, maximized: 'yes' }),
    );
    expect(readWindowState(file)?.maximized).toBe(false);
  });
});

describe('fitToDisplays', () => {
  it('centres the default size on the primary display when nothing was saved', () => {
    const primary: Bounds = { x: 0, y: 0, width: 1920, height: 1080 };
    expect(fitToDisplays(undefined, [primary], primary)).toEqual({
      bounds: {
        x: (1920 - DEFAULT_SIZE.width) / 2,
        y: (1080 - DEFAULT_SIZE.height) / 2,
        ...DEFAULT_SIZE,
      },
      maximized: false,
    });
  });

  it('keeps bounds that fit on an attached display as they were', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(fitToDisplays(saved, [laptop, rightMonitor], laptop)).toEqual(saved);
  });

  it('moves a window from a display that is gone onto the primary one, keeping its size', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true };
    const fitted = fitToDisplays(saved, [laptop], laptop);
    expect(fitted).toEqual({
      bounds: { x: 120, y: 25 + Math.round((875 - 800) / 2), width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('shrinks a window larger than its display and pulls a half-visible one fully inside', () => {
    const saved = { bounds: { x: 1000, y: -200, width: 3000, height: 2000 }, maximized: false };
    expect(fitToDisplays(saved, [laptop, rightMonitor], laptop).bounds).toEqual(rightMonitor);
    const peeking = { bounds: { x: 1300, y: 600, width: 1000, height: 700 }, maximized: false };
    expect(fitToDisplays(peeking, [laptop], laptop).bounds).toEqual({
      x: 440,
      y: 200,
      width: 1000,
      height: 700,
    });
  });

  it('never goes below the minimum size, unless the display itself is smaller', () => {
    const saved = { bounds: { x: 0, y: 0, width: 100, height: 50 }, maximized: false };
    expect(fitToDisplays(saved, [laptop], laptop).bounds).toMatchObject(MIN_SIZE);
    const tiny: Bounds = { x: 0, y: 0, width: 640, height: 480 };
    expect(fitToDisplays(saved, [tiny], tiny).bounds).toEqual(tiny);
  });
});
