/**
 * The store benchmark's workload: a person building a canvas. Each update is one edit as the app
 * makes it — adding a block, typing one character of SQL or a note, moving a block — so 100k
 * updates look like hours of real editing, not one big paste.
 */
import * as Y from 'yjs';
import { CanvasDoc } from '@facet/engine/common';
import { createRandom, type Random } from '../engine/prng.ts';

/** A uniform integer in 0..n-1. */
function pick(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** Calls `onUpdate` with each of `count` edit updates, generated deterministically from `seed`. */
export function generateEdits(count: number, onUpdate: (update: Uint8Array) => void, seed = 42): CanvasDoc {
  const random = createRandom(seed);
  // Listen before the CanvasDoc stamps its schema version: that stamp is the first update.
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => onUpdate(update));
  const canvas = new CanvasDoc(doc);
  const ids: string[] = [];
  let made = 1; // the schema stamp of a new doc
  while (made < count) {
    const roll = random();
    if (ids.length === 0 || roll < 0.01) {
      ids.push(
        canvas.add('sql', {
          name: `block_${ids.length}`,
          sql: '',
          x: pick(random, 5000),
          y: pick(random, 5000),
        }),
      );
    } else if (roll < 0.05) {
      const id = ids[pick(random, ids.length)] as string;
      canvas.move(id, pick(random, 5000), pick(random, 5000));
    } else {
      const id = ids[pick(random, ids.length)] as string;
      const block = canvas.block(id);
      const length = block?.type === 'sql' ? block.sql.length : 0;
      if (length > 40 && random() < 0.15) canvas.editText(id, 'sql', length - 1, 1);
      else
        canvas.editText(
          id,
          'sql',
          length,
          0,
          'SELECT region, sum(amount) FROM sales GROUP BY 1 '[length % 48] ?? ' ',
        );
    }
    made++;
  }
  return canvas;
}

const WORDS = (
  'revenue churn customers orders region month quarter forecast pipeline margin retention cohort ' +
  'signup trial invoice refund product category segment funnel conversion weekly daily growth target'
).split(' ');

/** A canvas with `count` blocks of SQL and notes, for the search benchmark. */
export function canvasWithBlocks(count: number, seed = 7): CanvasDoc {
  const random = createRandom(seed);
  const canvas = new CanvasDoc();
  const word = (): string => WORDS[pick(random, WORDS.length)] as string;
  canvas.doc.transact(() => {
    for (let i = 0; i < count; i++) {
      if (i % 3 === 0) {
        const words = Array.from({ length: 30 }, word).join(' ');
        canvas.add('text', { text: `Notes on ${word()}: ${words}.`, title: `${word()} notes ${i}` });
      } else {
        canvas.add('sql', {
          name: `${word()}_${i}`,
          title: `${word()} by ${word()}`,
          sql: `SELECT ${word()}, sum(${word()}) AS total\nFROM ${word()}_${word()}\nWHERE ${word()} > ${i}\nGROUP BY 1`,
        });
      }
    }
  });
  return canvas;
}

/** Queries a person might type in the search box. */
export function searchQueries(count: number, seed = 11): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const a = WORDS[pick(random, WORDS.length)] as string;
    const b = WORDS[pick(random, WORDS.length)] as string;
    return i % 3 === 0 ? a.slice(0, 4) : i % 3 === 1 ? a : `${a} ${b}`;
  });
}
