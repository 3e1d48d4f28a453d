/**
 * The tour's card, in the canvas's corner (not modal: the person does each step in the real UI).
 * It highlights the control the step is about, and has "Skip" to end the tour (it can be resumed).
 */
import { Button, CloseButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { TOUR_STEPS, type TourStep } from './tour-steps.ts';

export interface TourAction {
  label: string;
  run: () => void;
}

export interface TourCardProps {
  step: TourStep;
  /** A shortcut for the step ("Use sample data"), when there is one. */
  action?: TourAction;
  onNext: () => void;
  onSkip: () => void;
}

export function TourCard({ step, action, onNext, onSkip }: TourCardProps) {
  const index = TOUR_STEPS.findIndex((s) => s.id === step.id);
  useEffect(() => {
    const target = document.querySelector(`[data-tour="${step.id}"]`);
    target?.classList.add('facet-tour-target');
    return () => target?.classList.remove('facet-tour-target');
  }, [step.id]);
  return (
    <Paper className="facet-tour" shadow="md" p="md" withBorder role="dialog" aria-label="Tour">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed">
            Step {index + 1} of {TOUR_STEPS.length}
          </Text>
          <CloseButton size="sm" aria-label="Close the tour" onClick={onSkip} />
        </Group>
        <Progress value={((index + 1) / TOUR_STEPS.length) * 100} size="xs" aria-hidden />
        <Text fw={600}>{step.title}</Text>
        <Text size="sm">{step.body}</Text>
        {action && (
          <Button size="xs" variant="light" onClick={action.run} fullWidth>
            {action.label}
          </Button>
        )}
        <Group justify="space-between" wrap="nowrap">
          <Button size="xs" variant="subtle" color="gray" onClick={onSkip}>
            Skip
          </Button>
          <Button size="xs" variant="default" onClick={onNext}>
            {index === TOUR_STEPS.length - 1 ? 'Finish' : 'Next'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export interface WelcomeCardProps {
  onStart: () => void;
  onSample: () => void;
  onSkip: () => void;
}

/** The first thing a new project shows: what Facet is and the way in. */
export function WelcomeCard({ onStart, onSample, onSkip }: WelcomeCardProps) {
  return (
    <Paper className="facet-tour" shadow="md" p="md" withBorder role="dialog" aria-label="Welcome">
      <Stack gap="xs">
        <Text fw={700} size="lg">
          Welcome to Facet
        </Text>
        <Text size="sm">
          Query your files with SQL and chart the answers on a canvas — all on this computer. The tour takes a
          minute: import, query, chart, share.
        </Text>
        <Group justify="space-between">
          <Button size="xs" variant="subtle" color="gray" onClick={onSkip}>
            Skip
          </Button>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onSample}>
              Open the sample project
            </Button>
            <Button size="xs" onClick={onStart}>
              Start the tour
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
