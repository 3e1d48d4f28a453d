import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_CHUNK } from '@facet/engine/common';
import { MAX_UPLOAD_BYTES, Uploads } from './uploads.ts';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('uploads in pieces', () => {
  it('puts chunks sent in order back together', () => {
    const uploads = new Uploads();
    const id = uploads.start('C:\\data\\sales.csv', 5);
    expect(uploads.chunk(id, 0, bytes(1, 2))).toEqual({ received: 2, size: 5 });
    expect(uploads.chunk(id, 2, bytes(3, 4, 5))).toEqual({ received: 5, size: 5 });
    expect(uploads.finish(id)).toEqual({ fileName: 'sales.csv', bytes: bytes(1, 2, 3, 4, 5) });
    expect(() => uploads.finish(id)).toThrow('no such upload');
  });

  it('takes an empty file (the import then says what is wrong with it)', () => {
    const uploads = new Uploads();
    expect(uploads.finish(uploads.start('empty.csv', 0)).bytes.byteLength).toBe(0);
  });

  it('refuses gaps, overlaps, oversize chunks and more bytes than announced', () => {
    const uploads = new Uploads();
    const id = uploads.start('a.csv', 4);
    uploads.chunk(id, 0, bytes(1, 2));
    expect(() => uploads.chunk(id, 3, bytes(4))).toThrow('Expected the chunk at byte 2, not 3.');
    expect(() => uploads.chunk(id, 1, bytes(4))).toThrow('Expected the chunk at byte 2');
    expect(() => uploads.chunk(id, 2, new Uint8Array(MAX_UPLOAD_CHUNK + 1))).toThrow('at most');
    expect(() => uploads.chunk(id, 2, bytes(3, 4, 5))).toThrow('larger than announced');
    // …which cancelled it.
    expect(() => uploads.chunk(id, 2, bytes(3))).toThrow('no such upload');
  });

  it('will not finish an incomplete file, and forgets cancelled ones', () => {
    const uploads = new Uploads();
    const id = uploads.start('a.csv', 3);
    uploads.chunk(id, 0, bytes(1));
    expect(() => uploads.finish(id)).toThrow('incomplete (1 of 3 bytes)');
    const other = uploads.start('b.csv', 1);
    uploads.cancel(other);
    expect(() => uploads.chunk(other, 0, bytes(1))).toThrow('no such upload');
    const third = uploads.start('c.csv', 1);
    uploads.cancelAll();
    expect(() => uploads.finish(third)).toThrow('no such upload');
  });

  it('explains names, sizes and files too big for memory', () => {
    const uploads = new Uploads();
    expect(() => uploads.start('..', 1)).toThrow('needs a name');
    expect(() => uploads.start('dir/', 1)).toThrow('needs a name');
    expect(() => uploads.start('a.csv', -1)).toThrow('whole number of bytes');
    expect(() => uploads.start('a.csv', 1.5)).toThrow('whole number of bytes');
    expect(() => uploads.start('huge.csv', MAX_UPLOAD_BYTES + 1)).toThrow(
      /huge\.csv" is 2 GiB; .* desktop app/,
    );
  });
});
