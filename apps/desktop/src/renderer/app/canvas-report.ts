/** The canvas as a PDF file (Share → Download PDF), with results from the same run path as blocks. */
import type { CanvasDoc } from '@facet/engine/common';
import { type CanvasServices, canvasPdf, chartPng } from '@facet/ui';

export async function canvasReport(
  title: string,
  canvas: CanvasDoc,
  services: CanvasServices,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const bytes = await canvasPdf({
    title,
    blocks: canvas.blocks(),
    result: async (name) => (await services.runBlock(name)).table,
    chartImage: async (block) => chartPng(block.spec, (await services.runBlock(block.source)).table),
  });
  const safe = title.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim() || 'canvas';
  return { fileName: `${safe}.pdf`, bytes };
}
