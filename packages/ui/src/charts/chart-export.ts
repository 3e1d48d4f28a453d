/**
 * Chart exports: PNG from the on-screen canvas at twice its resolution, SVG from a second,
 * server-side-rendered ECharts instance with the SVG renderer, and PDF (jsPDF) embedding a
 * high-resolution PNG of the chart on a page of the chart's proportions. Backgrounds are filled:
 * a transparent export looks broken on a dark slide or a white page.
 */
import { downloadFile } from '../download-file.ts';
import { echarts } from './echarts-setup.ts';

export type ChartExportFormat = 'png' | 'svg' | 'pdf';

export interface ChartExportInput {
  chart: echarts.ECharts;
  option: echarts.EChartsCoreOption;
  dark: boolean;
  /** The file name without extension. */
  name: string;
}

const BACKGROUND = { light: '#ffffff', dark: '#242424' };

/** Renders the chart in `format` and downloads it. */
export async function exportChart(format: ChartExportFormat, input: ChartExportInput): Promise<void> {
  const bytes = await renderChart(format, input);
  const type = { png: 'image/png', svg: 'image/svg+xml', pdf: 'application/pdf' }[format];
  downloadFile(bytes, `${fileStem(input.name)}.${format}`, type);
}

/** The chart as a file's bytes. */
export async function renderChart(format: ChartExportFormat, input: ChartExportInput): Promise<Uint8Array> {
  const background = input.dark ? BACKGROUND.dark : BACKGROUND.light;
  if (format === 'png') return dataUrlBytes(pngUrl(input.chart, background, 2));
  if (format === 'svg') return new TextEncoder().encode(svgString(input, background));
  const { jsPDF } = await import('jspdf');
  const width = input.chart.getWidth();
  const height = input.chart.getHeight();
  // Points, not pixels: a 600 px chart is a 450 pt (about 16 cm) wide page.
  const [w, h] = [width * 0.75, height * 0.75];
  const pdf = new jsPDF({
    orientation: w >= h ? 'landscape' : 'portrait',
    unit: 'pt',
    format: [w, h],
    compress: true,
  });
  pdf.setProperties({ title: input.name, creator: 'Facet' });
  // Three pixels per point prints sharply; Flate keeps the flat colors of a chart small.
  pdf.addImage(pngUrl(input.chart, background, 3), 'PNG', 0, 0, w, h, undefined, 'FAST');
  return new Uint8Array(pdf.output('arraybuffer'));
}

function pngUrl(chart: echarts.ECharts, backgroundColor: string, pixelRatio: number): string {
  return chart.getDataURL({ type: 'png', pixelRatio, backgroundColor, excludeComponents: ['dataZoom'] });
}

function svgString(input: ChartExportInput, backgroundColor: string): string {
  const svg = echarts.init(null, input.dark ? 'dark' : undefined, {
    renderer: 'svg',
    ssr: true,
    width: input.chart.getWidth(),
    height: input.chart.getHeight(),
  });
  try {
    svg.setOption({ ...input.option, animation: false, backgroundColor });
    return svg.renderToSVGString();
  } finally {
    svg.dispose();
  }
}

function dataUrlBytes(url: string): Uint8Array {
  const base64 = url.slice(url.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name from a chart's title: no path separators or characters file systems refuse. */
export function fileStem(name: string): string {
  const printable = [...name].filter((c) => c.charCodeAt(0) >= 32).join('');
  const stem = printable
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return stem || 'chart';
}
