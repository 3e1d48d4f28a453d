/**
 * @facet/ui: React + Mantine components for the canvas: the canvas itself, blocks, the SQL editor
 * and the results grid. Platform work (running queries, importing files) comes in through
 * `CanvasServices`, so the same components run in the desktop app and the browser app.
 */
export { CanvasView, type CanvasViewProps } from './canvas/CanvasView.tsx';
export { useBlocks } from './canvas/use-blocks.ts';
export {
  CommandPalette,
  type CommandPaletteProps,
  type PaletteCommand,
  type PaletteHit,
} from './palette/CommandPalette.tsx';
export { DataPanel, type DataPanelProps } from './data/DataPanel.tsx';
export { SqlEditor } from './editor/SqlEditor.tsx';
export { ResultGrid } from './grid/ResultGrid.tsx';
export { cellText } from './grid/cell-text.ts';
export type { BlockRunResult, CanvasServices, ExportFormat } from './services.ts';
