/**
 * Code the benchmark runs inside the page, as strings (this package compiles without DOM types).
 * Frame intervals come from requestAnimationFrame timestamps: at 60 fps they are ~16.7 ms.
 */

/** Starts recording frame intervals into `window.__facetFrames`. */
export const START_FRAMES = `(() => {
  const frames = [];
  let last;
  let stopped = false;
  const tick = (t) => {
    if (last !== undefined) frames.push(t - last);
    last = t;
    if (!stopped) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__facetFrames = { frames, stop: () => { stopped = true; return frames; } };
})()`;

export const STOP_FRAMES = `window.__facetFrames.stop()`;

/** Scrolls the first grid down `frames` frames, `step` pixels a frame; resolves with the intervals. */
export function scrollGrid(frames: number, step: number): string {
  return `new Promise((resolve) => {
    const grid = document.querySelector('[role="grid"]');
    const intervals = [];
    let last;
    let n = 0;
    const tick = (t) => {
      if (last !== undefined) intervals.push(t - last);
      last = t;
      grid.scrollTop += ${step};
      if (++n < ${frames}) requestAnimationFrame(tick); else resolve(intervals);
    };
    requestAnimationFrame(tick);
  })`;
}

/**
 * Starts watching for the chart's accessible name to differ from \`before\` with its block no longer
 * busy (the picture shows the new spec's rows), then two frames (the option is applied in an effect
 * after the commit; the second frame is the first one drawn after it). The time from this call is
 * kept in \`window.__facetRedrawn\` (see REDRAWN): the watch is running before the change is made,
 * so a change that arrives quickly cannot start the clock late.
 */
export function watchChartRedraw(before: string): string {
  return `void (window.__facetRedrawn = new Promise((resolve) => {
    const started = performance.now();
    const check = () => {
      const chart = document.querySelector('[aria-label^="Chart:"]');
      const block = chart && chart.closest('.facet-chart-block');
      if (chart && chart.getAttribute('aria-label') !== ${JSON.stringify(before)} &&
          block && block.getAttribute('aria-busy') !== 'true') {
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
      } else requestAnimationFrame(check);
    };
    check();
  }))`;
}

/** Resolves with the time measured by the last watchChartRedraw. */
export const REDRAWN = `window.__facetRedrawn`;
