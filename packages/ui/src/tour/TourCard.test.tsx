// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../test-utils/render.tsx';
import { TourCard, WelcomeCard } from './TourCard.tsx';
import { TOUR_STEPS, currentTourStep, showWelcome } from './tour-steps.ts';

describe('tour progress', () => {
  it('greets first, then shows the first step not done, and nothing once dismissed or finished', () => {
    expect(showWelcome({}, false)).toBe(true);
    expect(currentTourStep({}, false)).toBeUndefined();
    expect(currentTourStep({ welcome: 1 }, false)?.id).toBe('import');
    // Steps can be done out of order (the person imported before the tour asked).
    expect(currentTourStep({ welcome: 1, import: 2, chart: 3 }, false)?.id).toBe('query');
    expect(currentTourStep({ welcome: 1, import: 2 }, true)).toBeUndefined();
    expect(showWelcome({}, true)).toBe(false);
    const done = Object.fromEntries(['welcome', ...TOUR_STEPS.map((s) => s.id)].map((id) => [id, 1]));
    expect(currentTourStep(done, false)).toBeUndefined();
  });
});

describe('TourCard', () => {
  it('shows the step, highlights its control, and offers the shortcut, Next and Skip', () => {
    const target = document.createElement('button');
    target.dataset.tour = 'query';
    document.body.append(target);
    const clicks: string[] = [];
    const { unmount } = renderUi(
      <TourCard
        step={TOUR_STEPS[1]!}
        action={{ label: 'Insert an example query', run: () => clicks.push('action') }}
        onNext={() => clicks.push('next')}
        onSkip={() => clicks.push('skip')}
      />,
    );
    const card = screen.getByRole('dialog', { name: 'Tour' });
    expect(card.textContent).toContain('Step 2 of 4');
    expect(card.textContent).toContain('Ask with SQL');
    expect(target.classList.contains('facet-tour-target')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Insert an example query' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(clicks).toEqual(['action', 'next', 'skip']);
    unmount();
    expect(target.classList.contains('facet-tour-target')).toBe(false);
    target.remove();
  });

  it('says Finish on the last step, and the welcome card offers the tour, the sample and Skip', () => {
    renderUi(<TourCard step={TOUR_STEPS[3]!} onNext={() => undefined} onSkip={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Finish' })).toBeTruthy();
    const picked: string[] = [];
    renderUi(
      <WelcomeCard
        onStart={() => picked.push('start')}
        onSample={() => picked.push('sample')}
        onSkip={() => picked.push('skip')}
      />,
    );
    const welcome = screen.getByRole('dialog', { name: 'Welcome' });
    for (const name of ['Start the tour', 'Open the sample project', 'Skip'])
      fireEvent.click(within(welcome).getByRole('button', { name }));
    expect(picked).toEqual(['start', 'sample', 'skip']);
  });
});
