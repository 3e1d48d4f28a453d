import { describe, expect, it, vi } from 'vitest';
import type { ShellCommand } from '../shared/shell-commands.ts';
import { commandBuffer, MAX_WAITING } from './command-buffer.ts';

const finished: ShellCommand = { type: 'import-finished', tables: [{ table: 'a', rowCount: 1 }], errors: [] };

describe('commandBuffer', () => {
  it('keeps import reports sent before anyone listens and gives them to the first listener, in order', () => {
    const buffer = commandBuffer();
    buffer.deliver({ type: 'import-started', fileNames: ['a.csv'] });
    buffer.deliver(finished);
    const first: ShellCommand[] = [];
    const second: ShellCommand[] = [];
    buffer.subscribe((c) => first.push(c));
    buffer.subscribe((c) => second.push(c));
    expect(first).toEqual([{ type: 'import-started', fileNames: ['a.csv'] }, finished]);
    expect(second).toEqual([]);
    buffer.deliver({ type: 'redo' });
    expect(first.at(-1)).toEqual({ type: 'redo' });
    expect(second).toEqual([{ type: 'redo' }]);
  });

  it('drops edit and export commands nobody listens to, and keeps only the last theme choice', () => {
    const buffer = commandBuffer();
    buffer.deliver({ type: 'undo' });
    buffer.deliver({ type: 'set-theme', scheme: 'dark' });
    buffer.deliver({ type: 'export' });
    buffer.deliver({ type: 'set-theme', scheme: 'auto' });
    const seen: ShellCommand[] = [];
    buffer.subscribe((c) => seen.push(c));
    expect(seen).toEqual([{ type: 'set-theme', scheme: 'auto' }]);
  });

  it('stops delivering to a listener once it unsubscribes, and waits again when none is left', () => {
    const buffer = commandBuffer();
    const seen: ShellCommand[] = [];
    const stop = buffer.subscribe((c) => seen.push(c));
    buffer.deliver({ type: 'export' });
    stop();
    buffer.deliver(finished);
    expect(seen).toEqual([{ type: 'export' }]);
    const later: ShellCommand[] = [];
    buffer.subscribe((c) => later.push(c));
    expect(later).toEqual([finished]);
  });

  it('keeps at most MAX_WAITING commands for a page that never listens', () => {
    const buffer = commandBuffer();
    for (let i = 0; i < MAX_WAITING + 50; i++) buffer.deliver(finished);
    let count = 0;
    buffer.subscribe(() => count++);
    expect(count).toBe(MAX_WAITING);
  });

  it('still delivers to the other listeners when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const buffer = commandBuffer();
    buffer.subscribe(() => {
      throw new Error('listener broke');
    });
    const seen: ShellCommand[] = [];
    buffer.subscribe((c) => seen.push(c));
    buffer.deliver({ type: 'redo' });
    expect(seen).toEqual([{ type: 'redo' }]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
