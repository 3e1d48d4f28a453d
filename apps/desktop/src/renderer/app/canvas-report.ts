/** The canvas as a PDF file (Share → Download PDF), with results from the same run paths as blocks. */
import { type CanvasDoc, chartQuery, readChartSpec } from '@facet/engine/common';
import { type CanvasServices, canvasPdf, chartPng, runChartQuery } from '@facet/ui';

export async function canvasReport(
  title: string,
  canvas: CanvasDoc,
  services: CanvasServices,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const bytes = await canvasPdf({
    title,
    blocks: canvas.blocks(),
    result: async (name) => (await services.runBlock(name)).table,
    chartImage: async (block) => {
      const spec = readChartSpec(block.spec);
      if (!spec) return undefined;
      const { table } = await runChartQuery(services, chartQuery(spec, block.source));
      return chartPng(spec, table);
    },
  });
  const safe = title.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim() || 'canvas';
  return { fileName: `${safe}.pdf`, bytes };
}
