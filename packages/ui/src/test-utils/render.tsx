/**
 * Rendering components in tests the way the app does: inside Mantine's provider, with jsdom's gaps
 * shimmed (dom-shims.ts), and unmounted after each test.
 */
import './dom-shims.ts';
import { MantineProvider } from '@mantine/core';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';

afterEach(cleanup);

/** Renders `ui` in a MantineProvider (light scheme). */
export function renderUi(ui: ReactNode): RenderResult {
  return render(<MantineProvider defaultColorScheme="light">{ui}</MantineProvider>);
}
