// @ts-check
/**
 * ESLint flat config. Besides the usual TypeScript rules, it enforces the layering of
 * ../shared/ARCHITECTURE.md: each folder may import only what its layer allows, so a
 * wrong import fails `npm run lint` (and CI).
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['@duckdb/node-api', 'better-sqlite3', 'onnxruntime-node', 'ws'];
const uiPackages = ['react', 'react-dom', '@mantine/*', 'echarts'];

/** Builds a `no-restricted-imports` rule from forbidden module names and path patterns. */
function restrict(why, { paths = [], patterns = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message: why })),
        patterns: [
          // Packages are imported by name, never through their src/ or dist/ folders.
          { group: ['@facet/*/src/*', '@facet/*/dist/*'], message: 'Import packages by name.' },
          ...patterns.map((group) => ({ group: [group], message: why })),
        ],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.tsbuild/**', '**/coverage/**', '.bench-data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // Data values are `unknown` by nature (they come from files); turning them into text is intended.
      '@typescript-eslint/no-base-to-string': 'off',
      // Apache Arrow's typings use numeric enums and `any` children throughout.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Use named exports, not `export *`.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', console: 'writable', globalThis: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['packages/engine/src/common/**'],
    rules: restrict(
      'engine/common is isomorphic: no Node, DOM-only, React, Electron or runtime-specific modules.',
      {
        paths: [...nodeBuiltins, ...nodeOnlyPackages, '@duckdb/duckdb-wasm', 'electron', ...uiPackages],
        patterns: ['**/browser/**', '**/node/**', '@facet/engine/*', 'react*', '@mantine/*', 'electron*'],
      },
    ),
  },
  {
    files: ['packages/engine/src/browser/**'],
    rules: restrict('engine/browser may import only engine/common and browser-safe modules.', {
      paths: [...nodeBuiltins, ...nodeOnlyPackages, 'electron', ...uiPackages],
      patterns: ['**/node/**', 'react*', '@mantine/*', 'electron*'],
    }),
  },
  {
    files: ['packages/engine/src/node/**'],
    rules: restrict('engine/node may import only engine/common and Node modules.', {
      paths: ['electron', ...uiPackages],
      patterns: ['**/browser/**', 'react*', '@mantine/*', 'electron*'],
    }),
  },
  {
    files: ['packages/ui/**'],
    rules: restrict('packages/ui runs in the renderer: no Node, Electron or engine/node.', {
      paths: [...nodeBuiltins, ...nodeOnlyPackages, 'electron'],
      patterns: [
        '@facet/engine/node',
        '**/apps/**',
        'electron*',
        '@facet/desktop*',
        '@facet/cli*',
        '@facet/sync-server*',
      ],
    }),
  },
  {
    files: ['packages/**'],
    ignores: ['packages/ui/**', 'packages/engine/src/**'],
    rules: restrict('packages/* never import apps/*.', {
      patterns: ['**/apps/**', '@facet/desktop*', '@facet/cli*', '@facet/sync-server*'],
    }),
  },
  {
    files: ['apps/sync-server/**'],
    rules: restrict('The relay imports only engine/common.', {
      paths: ['electron', ...uiPackages, '@facet/engine/node', '@facet/engine/browser'],
      patterns: ['@facet/ui*', '@facet/desktop*', '@facet/cli*', 'react*', '@mantine/*'],
    }),
  },
  {
    files: ['apps/cli/**'],
    rules: restrict('The CLI imports engine/common, engine/node and the desktop host (project store) only.', {
      paths: ['electron', ...uiPackages, '@facet/engine/browser', '@facet/desktop'],
      patterns: ['@facet/ui*', '@facet/sync-server*', 'react*', '@mantine/*', '@facet/desktop/!(host)'],
    }),
  },
  {
    files: ['apps/desktop/src/shared/**'],
    rules: restrict('desktop/shared holds the HostApi contract: types from engine/common only.', {
      paths: [
        ...nodeBuiltins,
        ...nodeOnlyPackages,
        'electron',
        ...uiPackages,
        '@facet/engine/node',
        '@facet/engine/browser',
      ],
      patterns: ['**/host/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/web/**', '@facet/ui*'],
    }),
  },
  {
    files: ['apps/desktop/src/host/**'],
    rules: restrict('desktop/host is Node services: no Electron, UI or renderer code.', {
      paths: ['electron', ...uiPackages, '@facet/engine/browser'],
      patterns: [
        '**/main/**',
        '**/preload/**',
        '**/renderer/**',
        '**/web/**',
        '@facet/ui*',
        'react*',
        '@mantine/*',
      ],
    }),
  },
  {
    files: ['apps/desktop/src/main/**'],
    rules: restrict('Electron main wires windows and IPC to the host: no UI or renderer code.', {
      paths: [...uiPackages, '@facet/engine/browser'],
      patterns: ['**/renderer/**', '**/preload/**', '**/web/**', '@facet/ui*', 'react*', '@mantine/*'],
    }),
  },
  {
    files: ['apps/desktop/src/preload/**'],
    rules: restrict('The preload script exposes the HostApi bridge only: electron and shared types.', {
      paths: [
        ...nodeBuiltins,
        ...nodeOnlyPackages,
        ...uiPackages,
        '@facet/engine/node',
        '@facet/engine/browser',
      ],
      patterns: ['**/host/**', '**/main/**', '**/renderer/**', '**/web/**', '@facet/ui*', 'react*'],
    }),
  },
  {
    files: ['apps/desktop/src/web/**'],
    rules: restrict('desktop/web serves the host over WebSocket: host and shared only.', {
      paths: ['electron', ...uiPackages],
      patterns: ['**/main/**', '**/preload/**', '**/renderer/**', '@facet/ui*', 'react*', '@mantine/*'],
    }),
  },
  {
    files: ['apps/desktop/src/renderer/**'],
    rules: restrict('The renderer runs in a browser: no Node, Electron, host or engine/node.', {
      paths: [...nodeBuiltins, ...nodeOnlyPackages, 'electron', '@facet/engine/node'],
      patterns: ['**/host/**', '**/main/**', '**/web/**', 'electron*'],
    }),
  },
);
