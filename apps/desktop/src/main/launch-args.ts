/**
 * What the OS hands the app to open — command-line arguments (a launch, a second launch, a
 * Linux desktop entry's file:// URLs) and macOS `open-file` paths — sorted into Facet projects
 * (`Name.facet` folders) and data files the engine can import. Anything else is reported with a
 * reason, never opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFormat, type SourceFormat } from '@facet/engine/common';
import { DATABASE_FILE } from '../host/project/project.ts';

export interface OpenRequest {
  /** Project folders, in the order given. */
  projects: string[];
  /** Importable data files, in the order given. */
  dataFiles: { path: string; format: SourceFormat }[];
  /** What was passed but cannot be opened, with why. */
  rejected: { arg: string; reason: string }[];
}

/** Bytes read from a file's start to tell its format (enough for the NDJSON check). */
const HEAD_BYTES = 4096;

export function emptyRequest(): OpenRequest {
  return { projects: [], dataFiles: [], rejected: [] };
}

/**
 * The arguments of an Electron process's argv that name things to open: after the executable,
 * without Chromium/Electron switches, and without the app's own script when run as
 * `electron main.mjs` (where it lands among the switches varies with who launched it).
 */
export function openArgs(argv: readonly string[], cwd: string, entryScript?: string): string[] {
  return argv
    .slice(1)
    .filter(
      (arg) =>
        arg !== '' &&
        !arg.startsWith('-') &&
        (entryScript === undefined || path.resolve(cwd, arg) !== path.resolve(entryScript)),
    );
}

/** Sorts paths (relative ones against `cwd`, or file:// URLs) into projects, data files and rejects. */
export function classifyPaths(args: readonly string[], cwd: string): OpenRequest {
  const request = emptyRequest();
  for (const arg of args) {
    let target: string;
    try {
      target = arg.startsWith('file://') ? fileURLToPath(arg) : path.resolve(cwd, arg);
    } catch {
      request.rejected.push({ arg, reason: 'it is not a valid file address' });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      request.rejected.push({ arg, reason: 'it does not exist' });
      continue;
    }
    if (stat.isDirectory()) {
      if (fs.existsSync(path.join(target, DATABASE_FILE))) request.projects.push(target);
      else request.rejected.push({ arg, reason: 'it is a folder but not a Facet project' });
      continue;
    }
    // The database inside a project (what a file manager may hand over) means the project.
    if (path.basename(target) === DATABASE_FILE && path.dirname(target).endsWith('.facet')) {
      request.projects.push(path.dirname(target));
      continue;
    }
    const format = detectFormat(path.basename(target), readHead(target));
    if (format) request.dataFiles.push({ path: target, format });
    else request.rejected.push({ arg, reason: 'Facet cannot read this kind of file' });
  }
  return request;
}

/** Joins requests that arrived one after another (kept in arrival order). */
export function mergeRequests(a: OpenRequest, b: OpenRequest): OpenRequest {
  return {
    projects: [...a.projects, ...b.projects],
    dataFiles: [...a.dataFiles, ...b.dataFiles],
    rejected: [...a.rejected, ...b.rejected],
  };
}

function readHead(file: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = new Uint8Array(HEAD_BYTES);
    const read = fs.readSync(fd, head, 0, HEAD_BYTES, 0);
    return head.subarray(0, read);
  } catch {
    // Unreadable: the extension alone decides, and the import reports the real error.
    return new Uint8Array();
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
