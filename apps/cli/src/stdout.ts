/** Writing to stdout safely before the process exits. */

/** Writes `text` and resolves once it has been handed to the OS, so exiting cannot cut it short. */
export function writeStdout(text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** `facet … | head` closes the pipe early; that is not an error, so stop quietly. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
