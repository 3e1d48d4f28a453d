/**
 * @facet/ui: React + Mantine components (canvas, blocks, editor, grid, charts, comments, history).
 * This package is filled in by the [app] issue; for now it only fixes the package's place in the
 * layering (it may import engine/common, never Node, Electron or engine/node).
 */
export const UI_PACKAGE = '@facet/ui';
