/**
 * `facet project <action> DIR …`: the project store from scripts, CI and scheduled reports.
 * Every action opens the project, does one thing, and closes it (changes are stored as they happen).
 */
import { parseArgs } from 'node:util';
import type { Block, CanvasDoc } from '@facet/engine/common';
import type { Project } from '@facet/desktop/host';
import { outputFormat, parseCommandLine, wholeNumber } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import { COMMAND_HELP } from '../help.ts';
import { formatJson } from '../output/json.ts';
import { blocksTable, diffText, versionsTable } from './project-output.ts';
import { renderResult } from './query.ts';

const OPTIONS = {
  canvas: { type: 'string' },
  format: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  sql: { type: 'string' },
  text: { type: 'string' },
  title: { type: 'string' },
  block: { type: 'string' },
  message: { type: 'string', short: 'm' },
  tag: { type: 'string' },
  table: { type: 'string' },
  sheet: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parse>['values'];
type Action = (dir: string, args: string[], values: Values, context: CommandContext) => Promise<string>;

function parse(argv: string[]) {
  return parseCommandLine('project', () =>
    parseArgs({ args: argv, allowPositionals: true, options: OPTIONS }),
  );
}

export const projectCommand: Command = async (argv, context) => {
  const { values, positionals } = parse(argv);
  if (values.help) return COMMAND_HELP.project;
  const [action, dir, ...rest] = positionals;
  if (action === undefined)
    throw new UsageError(`missing an action: ${Object.keys(ACTIONS).join(', ')}`, 'project');
  const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!run) throw new UsageError(`unknown action "${action}"`, 'project');
  if (dir === undefined)
    throw new UsageError(`missing the project folder: facet project ${action} DIR`, 'project');
  return run(dir, rest, values, context);
};

const ACTIONS: Record<string, Action> = {
  create: async (dir, args, values) => {
    noMore(args);
    const { Project } = await host();
    const project = Project.create(dir, values.name ? { name: values.name } : {});
    const name = project.name;
    await project.close();
    return `Created project "${name}" in ${project.dir}\n`;
  },
  import: (dir, args, values) =>
    withProject(dir, async (project) => {
      const [file, ...more] = args;
      if (file === undefined)
        throw new UsageError('missing the file to import: facet project import DIR FILE', 'project');
      noMore(more);
      const imported = await project.importFile(file, {
        ...(values.table ? { tableName: values.table } : {}),
        ...(values.sheet ? { sheet: values.sheet } : {}),
      });
      return imported
        .map((s) => `Imported ${s.fileName} as table ${s.table} (${s.rowCount} rows)\n`)
        .join('');
    }),
  add: (dir, args, values) =>
    withProject(dir, async (project) => {
      noMore(args);
      const canvas = openCanvas(project, values.canvas);
      const type = values.type ?? 'sql';
      if (type === 'sql') {
        const name = required(values.name, '--name');
        const sql = required(values.sql, '--sql');
        if (findSqlBlock(canvas, name)) throw new CliError(`There is already a block named "${name}".`);
        canvas.add('sql', {
          name,
          sql,
          ...(values.title ? { title: values.title } : {}),
          ...placeBelow(canvas),
        });
      } else if (type === 'text') {
        canvas.add('text', {
          text: required(values.text, '--text'),
          ...(values.title ? { title: values.title } : {}),
          ...placeBelow(canvas),
        });
      } else throw new UsageError(`--type must be "sql" or "text", not "${type}"`, 'project');
      return Promise.resolve(`Added ${type} block${values.name ? ` "${values.name}"` : ''}\n`);
    }),
  set: (dir, args, values) =>
    withProject(dir, async (project) => {
      noMore(args);
      const canvas = openCanvas(project, values.canvas);
      const name = required(values.block, '--block');
      const block = findSqlBlock(canvas, name);
      if (!block) throw new CliError(`There is no SQL block named "${name}".`);
      canvas.update(block.id, {
        ...(values.sql !== undefined ? { sql: values.sql } : {}),
        ...(values.title !== undefined ? { title: values.title } : {}),
      });
      return Promise.resolve(`Updated block "${name}"\n`);
    }),
  blocks: (dir, args, values, context) =>
    withProject(dir, async (project) => {
      noMore(args);
      const format = outputFormat(values.format, ['table', 'json'], 'project');
      const blocks = openCanvas(project, values.canvas).blocks();
      return Promise.resolve(
        format === 'json' ? formatJson(blocks) : blocksTable(blocks, context.terminalWidth),
      );
    }),
  run: (dir, args, values, context) =>
    withProject(dir, async (project) => {
      noMore(args);
      const format = outputFormat(values.format, ['table', 'json', 'csv'], 'project');
      const id = canvasId(project, values.canvas);
      const name = required(values.block, '--block');
      const run = await project.runs.run(id, project.canvases.doc(id), name);
      const { tableFromIPC } = await import('apache-arrow');
      const result = {
        table: tableFromIPC(run.ipc),
        columns: run.columns,
        rowCount: run.rowCount,
        elapsedMs: run.elapsedMs,
        cached: run.cached,
      };
      const limitArg = wholeNumber('limit', values.limit, 0, 'project');
      const limit = limitArg === 0 ? undefined : (limitArg ?? (format === 'table' ? 1000 : undefined));
      return renderResult(result, format, limit, context);
    }),
  version: (dir, args, values) =>
    withProject(dir, async (project) => {
      noMore(args);
      const version = project.history.create(canvasId(project, values.canvas), {
        message: required(values.message, '--message'),
        ...(values.tag ? { tag: values.tag } : {}),
      });
      return Promise.resolve(`${version.id}\n`);
    }),
  versions: (dir, args, values, context) =>
    withProject(dir, async (project) => {
      noMore(args);
      const format = outputFormat(values.format, ['table', 'json'], 'project');
      const versions = project.history.list(canvasId(project, values.canvas));
      return Promise.resolve(
        format === 'json' ? formatJson(versions) : versionsTable(versions, context.terminalWidth),
      );
    }),
  diff: (dir, args, values) =>
    withProject(dir, async (project) => {
      const [from, to = 'now', ...more] = args;
      if (from === undefined)
        throw new UsageError(
          'missing the versions to compare: facet project diff DIR FROM [TO|now]',
          'project',
        );
      noMore(more);
      const format = outputFormat(values.format, ['text', 'json'], 'project');
      const diff = project.diff(canvasId(project, values.canvas), from, to);
      return Promise.resolve(format === 'json' ? formatJson(diff) : diffText(diff));
    }),
  restore: (dir, args, values) =>
    withProject(dir, async (project) => {
      const [version, ...more] = args;
      if (version === undefined)
        throw new UsageError('missing the version to restore: facet project restore DIR VERSION', 'project');
      noMore(more);
      const restored = project.history.restore(canvasId(project, values.canvas), version);
      return Promise.resolve(`Restored version ${version} (recorded as version ${restored.id})\n`);
    }),
  search: (dir, args, values) =>
    withProject(dir, async (project) => {
      const text = args.join(' ');
      if (!text.trim()) throw new UsageError('missing what to search for', 'project');
      const hits = project.searchText(text);
      if (outputFormat(values.format, ['text', 'json'], 'project') === 'json')
        return Promise.resolve(formatJson(hits));
      const lines = hits.map(
        (h) => `${h.kind} "${h.title}": ${h.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join('')}`,
      );
      return Promise.resolve(lines.length ? `${lines.join('\n')}\n` : 'No matches.\n');
    }),
};

const host = () => import('@facet/desktop/host');

async function withProject(dir: string, work: (project: Project) => Promise<string>): Promise<string> {
  const { Project } = await host();
  const project = Project.open(dir);
  try {
    return await work(project);
  } finally {
    await project.close();
  }
}

/** The canvas named or identified by --canvas, or the project's first canvas. */
function canvasId(project: Project, wanted: string | undefined): string {
  if (wanted === undefined) return project.defaultCanvas();
  const all = project.canvases.list({ branches: true });
  const match =
    all.find((c) => c.id === wanted) ?? all.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
  if (!match) throw new CliError(`There is no canvas "${wanted}" in this project.`);
  return match.id;
}

function openCanvas(project: Project, wanted: string | undefined): CanvasDoc {
  return project.canvases.doc(canvasId(project, wanted));
}

function findSqlBlock(canvas: CanvasDoc, name: string): Block<'sql'> | undefined {
  return canvas
    .blocks()
    .find((b): b is Block<'sql'> => b.type === 'sql' && b.name.toLowerCase() === name.toLowerCase());
}

/** New blocks from the command line go below everything on the canvas. */
function placeBelow(canvas: CanvasDoc): { x: number; y: number } {
  const bottom = Math.max(0, ...canvas.blocks().map((b) => b.y + b.h));
  return { x: 0, y: canvas.blocks().length === 0 ? 0 : bottom + 40 };
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${option}`, 'project');
  return value;
}

function noMore(args: string[]): void {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`, 'project');
}
