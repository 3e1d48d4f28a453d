/** What every command gets and gives back. */
export interface CommandContext {
  /** The terminal's width when stdout is a terminal; tables then fit inside it. */
  terminalWidth: number | undefined;
}

/** Runs a command with its arguments (after the command name) and returns what to print on stdout. */
export type Command = (argv: string[], context: CommandContext) => Promise<string>;
