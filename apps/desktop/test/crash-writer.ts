/**
 * A child process for the crash test: opens a project and adds blocks as fast as it can, writing
 * each block's number to stdout only after the change was stored. The test kills it with SIGKILL.
 */
import fs from 'node:fs';
import { Project } from '../src/host/index.ts';

const [dir, startArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: crash-writer DIR START');
// A small compaction threshold, so kills also land in the middle of compactions.
const project = Project.open(dir, { compaction: { updates: 64, bytes: 1e9 } });
const canvas = project.canvases.doc(project.defaultCanvas());
for (let i = Number(startArg ?? 0); ; i++) {
  canvas.add('text', { text: `update ${i}`, title: `u${i}` });
  fs.writeSync(1, `${i}\n`);
}
