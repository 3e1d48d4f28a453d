/**
 * Delivers shell commands to the renderer's listeners. Main may report an import while the page is
 * still starting (a data file opened from the OS with the app), before React has subscribed: such
 * reports, and the last theme choice, wait here for the first listener. Edit and Export commands
 * given while nothing listens (Home, a loading page) are dropped: run later, they would surprise.
 */
import type { ShellCommand, ShellCommandType } from '../shared/shell-commands.ts';

/** At most this many commands wait for a listener (a page that never listens must not grow forever). */
export const MAX_WAITING = 100;

/** Commands that still mean something when delivered late. */
const KEPT: ReadonlySet<ShellCommandType> = new Set(['import-started', 'import-finished', 'set-theme']);

export interface CommandBuffer {
  /** A command arrived from main. */
  deliver(command: ShellCommand): void;
  /** Adds a listener (receiving what waited, if it is the first); returns a function that removes it. */
  subscribe(listener: (command: ShellCommand) => void): () => void;
}

export function commandBuffer(): CommandBuffer {
  const listeners = new Set<(command: ShellCommand) => void>();
  let waiting: ShellCommand[] = [];
  const send = (listener: (command: ShellCommand) => void, command: ShellCommand): void => {
    // One failing listener must not keep the command from the others (or break the IPC handler).
    try {
      listener(command);
    } catch (error) {
      console.error(error);
    }
  };
  return {
    deliver: (command) => {
      if (listeners.size > 0) {
        for (const listener of [...listeners]) send(listener, command);
        return;
      }
      if (!KEPT.has(command.type)) return;
      // Only the latest theme choice matters.
      if (command.type === 'set-theme') waiting = waiting.filter((c) => c.type !== 'set-theme');
      if (waiting.length < MAX_WAITING) waiting.push(command);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      const pending = waiting;
      waiting = [];
      for (const command of pending) send(listener, command);
      return () => void listeners.delete(listener);
    },
  };
}
