/**
 * `npm run web -- --port P --project DIR`: starts web mode and prints the URL to open.
 * Stops on Ctrl+C (the project is closed cleanly; every change was already stored).
 */
import { parseArgs } from 'node:util';
import { startWebMode } from './web-mode.ts';

const USAGE = 'Usage: npm run web -- [--project DIR] [--port P]   (no project: the app opens at Home)';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        project: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.project === '') fail(`--project needs a folder\n${USAGE}`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port needs a port number, not "${values.port}"`);
  const web = await startWebMode({ ...(values.project ? { project: values.project } : {}), port }).catch(
    (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
  );
  console.log(`Facet is running in web mode. Open:\n${web.url}`);
  const stop = (): void => {
    void web.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(`facet web: ${message}`);
  process.exit(1);
}

await main();
