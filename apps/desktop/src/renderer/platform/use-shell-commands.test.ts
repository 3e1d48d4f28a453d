// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FacetShellBridge, SaveExportReply, ShellCommand } from '../../shared/shell-commands.ts';
import {
  runShellCommand,
  saveExport,
  type ShellCommandHandlers,
  useShellCommands,
} from './use-shell-commands.ts';

/** Handlers that record the calls they get. */
function recorder(): { calls: string[]; handlers: ShellCommandHandlers } {
  const calls: string[] = [];
  return {
    calls,
    handlers: {
      undo: () => calls.push('undo'),
      redo: () => calls.push('redo'),
      export: () => calls.push('export'),
      setTheme: (scheme) => calls.push(`theme ${scheme}`),
      importStarted: (names) => calls.push(`importing ${names.join(',')}`),
      importFinished: ({ tables, errors }) =>
        calls.push(
          `imported ${tables.map((t) => `${t.table}:${t.rowCount}`).join(',')} failed ${errors.length}`,
        ),
    },
  };
}

/**
 * A shell bridge that behaves like the preload's (commands sent before anyone listens wait for the
 * first listener), fed by the test instead of IPC.
 */
function installShell(saved: SaveExportReply = { cancelled: true }) {
  const listeners = new Set<(command: ShellCommand) => void>();
  const waiting: ShellCommand[] = [];
  const deliver = (command: ShellCommand): void => {
    if (listeners.size === 0) waiting.push(command);
    for (const listener of listeners) listener(command);
  };
  const requests: [string, string][] = [];
  const bridge: FacetShellBridge = {
    onCommand: (listener) => {
      listeners.add(listener);
      for (const command of waiting.splice(0)) listener(command);
      return () => void listeners.delete(listener);
    },
    saveExport: (canvasId, block) => {
      requests.push([canvasId, block]);
      return Promise.resolve(saved);
    },
  };
  (window as unknown as { facetShell?: FacetShellBridge }).facetShell = bridge;
  return { send: (command: ShellCommand) => act(() => deliver(command)), requests };
}

function Probe({ handlers }: { handlers: ShellCommandHandlers }) {
  useShellCommands(handlers);
  return null;
}

afterEach(() => {
  delete (window as unknown as { facetShell?: FacetShellBridge }).facetShell;
  document.body.innerHTML = '';
});

describe('useShellCommands', () => {
  it('passes menu commands to the handlers, including ones sent before the app subscribed', () => {
    const shell = installShell();
    shell.send({ type: 'import-started', fileNames: ['sales.csv'] });
    const { calls, handlers } = recorder();
    render(createElement(Probe, { handlers }));
    shell.send({
      type: 'import-finished',
      tables: [{ table: 'sales', rowCount: 12 }],
      errors: [{ fileName: 'bad.csv', message: 'no columns' }],
    });
    shell.send({ type: 'undo' });
    shell.send({ type: 'redo' });
    shell.send({ type: 'export' });
    shell.send({ type: 'set-theme', scheme: 'dark' });
    expect(calls).toEqual([
      'importing sales.csv',
      'imported sales:12 failed 1',
      'undo',
      'redo',
      'export',
      'theme dark',
    ]);
  });

  it('uses the latest handlers after a re-render and stops listening on unmount', () => {
    const shell = installShell();
    const first = recorder();
    const second = recorder();
    const view = render(createElement(Probe, { handlers: first.handlers }));
    view.rerender(createElement(Probe, { handlers: second.handlers }));
    shell.send({ type: 'export' });
    view.unmount();
    shell.send({ type: 'undo' });
    expect(first.calls).toEqual([]);
    expect(second.calls).toEqual(['export']);
  });

  it('does nothing without the desktop shell (web mode, browser)', async () => {
    const { calls, handlers } = recorder();
    const view = render(createElement(Probe, { handlers }));
    view.unmount();
    expect(calls).toEqual([]);
    expect(await saveExport('c1', 'query_1')).toBeUndefined();
  });
});

describe('runShellCommand', () => {
  it('leaves undo and redo to a focused text field instead of the canvas', () => {
    const edits: string[] = [];
    document.execCommand = (command: string) => {
      edits.push(command);
      return true;
    };
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const { calls, handlers } = recorder();
    runShellCommand({ type: 'undo' }, handlers);
    runShellCommand({ type: 'redo' }, handlers);
    expect(calls).toEqual([]);
    expect(edits).toEqual(['undo', 'redo']);
    input.blur();
    runShellCommand({ type: 'undo' }, handlers);
    expect(calls).toEqual(['undo']);
  });
});

describe('saveExport', () => {
  it('asks the shell to save a block, and gives back where it went', async () => {
    const shell = installShell({ saved: '/home/u/Documents/query_1.parquet' });
    expect(await saveExport('canvas-1', 'query_1')).toEqual({ saved: '/home/u/Documents/query_1.parquet' });
    expect(shell.requests).toEqual([['canvas-1', 'query_1']]);
  });
});
