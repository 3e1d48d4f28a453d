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
export { TourCard, type TourAction, type TourCardProps, WelcomeCard } from './tour/TourCard.tsx';
export {
  TOUR_STEPS,
  type TourProgress,
  type TourStep,
  currentTourStep,
  showWelcome,
} from './tour/tour-steps.ts';
export { DiffView, type DiffViewProps } from './history/DiffView.tsx';
export { canvasPdf, type CanvasPdfInput } from './export/canvas-pdf.ts';
export { chartPng } from './export/chart-image.ts';
export { echartsOption, type ChartOptionInput } from './charts/echarts-option.ts';
export { runChartQuery } from './charts/use-chart-result.ts';
export { ChartSettings, type ChartSettingsProps } from './charts/ChartSettings.tsx';
export { type ChartExportFormat, renderChart } from './charts/chart-export.ts';
export { downloadFile } from './download-file.ts';
export { CollabOverlay, type CollabOverlayProps } from './collab/CollabOverlay.tsx';
export {
  ConnectionBadge,
  type ConnectionBadgeProps,
  type ConnectionState,
} from './collab/ConnectionBadge.tsx';
export { CursorLayer, type CursorLayerProps } from './collab/CursorLayer.tsx';
export { PresenceAvatars, type PresenceAvatarsProps } from './collab/PresenceAvatars.tsx';
export {
  initials,
  type Peer,
  peoplePresent,
  type PresenceState,
  type PublishPresence,
  userColor,
} from './collab/presence.ts';
