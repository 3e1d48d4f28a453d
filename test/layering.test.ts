/**
 * The layering rules of ARCHITECTURE.md are enforced by ESLint; this checks that a wrong import in
 * each layer really fails lint (and that a right one passes), so the rules cannot silently rot.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// Only the import rule matters here, and probe files are not part of any tsconfig, so type-aware
// parsing is switched off.
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules', () => {
  it.each([
    [
      'packages/engine/src/common/probe.ts',
      "import { readFile } from 'node:fs';\nexport const x = readFile;\n",
    ],
    ['packages/engine/src/common/probe.ts', "import { x } from '../node/index.ts';\nexport const y = x;\n"],
    ['packages/engine/src/common/probe.ts', "import duck from '@duckdb/node-api';\nexport const y = duck;\n"],
    ['packages/engine/src/browser/probe.ts', "import os from 'os';\nexport const y = os;\n"],
    ['packages/engine/src/node/probe.ts', "import { x } from '../browser/index.ts';\nexport const y = x;\n"],
    [
      'packages/ui/src/probe.ts',
      "import { createNativeEngine } from '@facet/engine/node';\nexport const y = createNativeEngine;\n",
    ],
    ['packages/ui/src/probe.ts', "import { x } from '@facet/desktop';\nexport const y = x;\n"],
    [
      'apps/sync-server/src/probe.ts',
      "import { createNativeEngine } from '@facet/engine/node';\nexport const y = createNativeEngine;\n",
    ],
    [
      'apps/cli/src/probe.ts',
      "import { x } from '@facet/engine/src/common/index.ts';\nexport const y = x;\n",
    ],
    ['apps/cli/src/probe.ts', "import { x } from '@facet/desktop';\nexport const y = x;\n"],
    ['apps/desktop/src/shared/probe.ts', "import fs from 'node:fs';\nexport const y = fs;\n"],
    ['apps/desktop/src/shared/probe.ts', "import { Host } from '../host/host.ts';\nexport const y = Host;\n"],
    [
      'apps/desktop/src/renderer/probe.ts',
      "import { Host } from '../host/host.ts';\nexport const y = Host;\n",
    ],
    [
      'apps/desktop/src/renderer/probe.ts',
      "import Database from 'better-sqlite3';\nexport const y = Database;\n",
    ],
    [
      'apps/desktop/src/host/probe.ts',
      "import { x } from '../renderer/platform/host-client.ts';\nexport const y = x;\n",
    ],
    ['apps/desktop/src/preload/probe.ts', "import fs from 'node:fs';\nexport const y = fs;\n"],
    [
      'apps/desktop/src/renderer/probe.ts',
      "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n",
    ],
  ])('%s: rejects %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toHaveLength(0);
  });

  it.each([
    [
      'packages/engine/src/common/probe.ts',
      "import { Table } from 'apache-arrow';\nexport const y = Table;\n",
    ],
    [
      'packages/engine/src/node/probe.ts',
      "import { tableToRows } from '@facet/engine/common';\nexport const y = tableToRows;\n",
    ],
    [
      'apps/cli/src/probe.ts',
      "import { createNativeEngine } from '@facet/engine/node';\nexport const y = createNativeEngine;\n",
    ],
    ['apps/cli/src/probe.ts', "import { Project } from '@facet/desktop/host';\nexport const y = Project;\n"],
    [
      'apps/desktop/src/renderer/probe.ts',
      "import type { HostApi } from '../shared/host-api.ts';\nexport type Y = HostApi;\n",
    ],
    ['apps/desktop/src/web/probe.ts', "import { Host } from '../host/host.ts';\nexport const y = Host;\n"],
  ])('%s: allows %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
