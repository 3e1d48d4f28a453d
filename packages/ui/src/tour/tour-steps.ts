/**
 * The guided tour: import → query → chart → share. Each step names the toolbar control it points at
 * (`data-tour` attribute) and is done when the person does the thing, not when they click "Next"
 * (though "Next" moves on too). Progress is a map of step id → when it was done.
 */
export interface TourStep {
  id: 'import' | 'query' | 'chart' | 'share';
  title: string;
  body: string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'import',
    title: 'Bring in data',
    body: 'Click Import data to add a CSV, Parquet, JSON, Excel or SQLite file. No file at hand? Use the sample weather data.',
  },
  {
    id: 'query',
    title: 'Ask with SQL',
    body: 'Click New SQL block, write a query and press Ctrl+Enter (⌘+Enter on a Mac) to run it.',
  },
  {
    id: 'chart',
    title: 'Chart the answer',
    body: 'With the block selected, click New chart: Facet picks a chart that fits the result. Change its type from the chart’s menu.',
  },
  {
    id: 'share',
    title: 'Share it',
    body: 'Click Share to send the canvas as a PDF. Your data never left this computer.',
  },
];

export type TourProgress = Readonly<Record<string, number>>;

/** The step to show: the first one not done, unless the tour was dismissed or is finished. */
export function currentTourStep(progress: TourProgress, hidden: boolean): TourStep | undefined {
  if (hidden || progress.welcome === undefined) return undefined;
  return TOUR_STEPS.find((step) => progress[step.id] === undefined);
}

/** Whether to greet the person: nothing done yet and the tour not dismissed. */
export function showWelcome(progress: TourProgress, hidden: boolean): boolean {
  return !hidden && progress.welcome === undefined;
}
