/**
 * The main window's size, position and maximized flag, remembered between launches in a small
 * JSON file in the app's data folder. A missing or corrupt file means defaults; a saved position
 * on a display that is no longer attached is moved onto one that is, so the window never opens
 * off screen.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

/** The saved state, or undefined when there is none or it cannot be read. */
export function readWindowState(file: string): WindowState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { bounds, maximized } = parsed as { bounds?: unknown; maximized?: unknown };
  if (!isBounds(bounds)) return undefined;
  return { bounds, maximized: maximized === true };
}

/** Saves the state (written to a temporary file and renamed, so a crash never leaves half a file). */
export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(state, null, 2));
  fs.renameSync(temp, file);
}

/**
 * Where the window opens: the saved bounds moved and shrunk to fit inside the work area of the
 * display they overlap most, or, when they overlap none (that display is gone) or nothing was
 * saved, centred on the primary display.
 */
export function fitToDisplays(
  saved: WindowState | undefined,
  workAreas: readonly Bounds[],
  primary: Bounds,
): WindowState {
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false };
  let best: Bounds | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved.bounds, area);
    if (overlap > bestOverlap) {
      best = area;
      bestOverlap = overlap;
    }
  }
  if (!best) return { bounds: centred(saved.bounds, primary), maximized: saved.maximized };
  const width = clampSize(saved.bounds.width, MIN_SIZE.width, best.width);
  const height = clampSize(saved.bounds.height, MIN_SIZE.height, best.height);
  return {
    bounds: {
      x: clamp(saved.bounds.x, best.x, best.x + best.width - width),
      y: clamp(saved.bounds.y, best.y, best.y + best.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

function centred(size: { width: number; height: number }, area: Bounds): Bounds {
  const width = clampSize(size.width, MIN_SIZE.width, area.width);
  const height = clampSize(size.height, MIN_SIZE.height, area.height);
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/** A size no smaller than the minimum, no larger than the display (a tiny display wins). */
function clampSize(value: number, min: number, max: number): number {
  return Math.round(Math.min(Math.max(value, min), max));
}

function clamp(value: number, min: number, max: number): number {
  return Math.round(Math.min(Math.max(value, min), Math.max(min, max)));
}

function overlapArea(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function isBounds(value: unknown): value is Bounds {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    [b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (b.width as number) > 0 &&
    (b.height as number) > 0
  );
}
