/**
 * The guided tour's state, kept in the project store: steps done (HostApi onboarding) and whether
 * the person dismissed it (setting `tour.hidden`). Saving progress is best effort: a failed save
 * only means the tour may show a step again.
 */
import { useCallback, useEffect, useState } from 'react';
import { type TourProgress, type TourStep, currentTourStep, showWelcome } from '@facet/ui';
import type { HostApi } from '../../shared/host-api.ts';

export interface Tour {
  welcome: boolean;
  step: TourStep | undefined;
  /** Marks a step done (once). */
  complete: (step: string) => void;
  start: () => void;
  skip: () => void;
  /** Shows the tour again from the first step not done. */
  resume: () => void;
  finished: boolean;
}

export function useTour(api: HostApi): Tour {
  const [progress, setProgress] = useState<TourProgress | undefined>();
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    Promise.all([api.onboarding.get(), api.settings.get()]).then(
      ([done, settings]) => {
        setProgress(done);
        setHidden(settings['tour.hidden'] === true);
      },
      () => setProgress(undefined),
    );
  }, [api]);
  const complete = useCallback(
    (step: string): void => {
      setProgress((current) => {
        if (!current || current[step] !== undefined) return current;
        void api.onboarding.complete(step).catch(() => undefined);
        return { ...current, [step]: Date.now() };
      });
    },
    [api],
  );
  const setTourHidden = (value: boolean): void => {
    setHidden(value);
    void api.settings.set('tour.hidden', value).catch(() => undefined);
  };
  return {
    welcome: progress !== undefined && showWelcome(progress, hidden),
    step: progress && currentTourStep(progress, hidden),
    complete,
    start: () => complete('welcome'),
    skip: () => {
      complete('welcome');
      setTourHidden(true);
    },
    resume: () => {
      complete('welcome');
      setTourHidden(false);
    },
    finished: progress !== undefined && currentTourStep(progress, false) === undefined && !!progress.welcome,
  };
}
