import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './codec.ts';

describe('RPC codec', () => {
  it('round-trips JSON with byte attachments anywhere in it', () => {
    const value = {
      id: 7,
      method: 'docs.push',
      args: ['c1', new Uint8Array([1, 2, 3]), { nested: [new Uint8Array(0), new Uint8Array([255])] }],
      text: 'héllo ✓',
    };
    expect(decodeMessage(encodeMessage(value))).toEqual(value);
  });

  it('keeps user data that looks like an attachment as data', () => {
    const value = { $bytes: [0, 5], $$double: true, plain: { $x: 1 } };
    expect(decodeMessage(encodeMessage(value))).toEqual(value);
  });

  it('turns bigints into numbers (or text when too large)', () => {
    expect(decodeMessage(encodeMessage({ a: 5n, b: 2n ** 70n }))).toEqual({
      a: 5,
      b: '1180591620717411303424',
    });
  });

  it('refuses malformed messages with a clear error', () => {
    const good = encodeMessage({ a: new Uint8Array([1, 2]) });
    const cases: Uint8Array[] = [
      new Uint8Array(),
      new Uint8Array([1, 2]),
      new Uint8Array([255, 255, 255, 255, 1]),
      Uint8Array.from([3, 0, 0, 0, 0xff, 0xfe, 0xfd]),
      Uint8Array.from([2, 0, 0, 0, 123, 123]),
      good.subarray(0, good.length - 1),
    ];
    const lying = new TextEncoder().encode('{"$bytes":[-1,2]}');
    const withLie = new Uint8Array(4 + lying.length + 2);
    new DataView(withLie.buffer).setUint32(0, lying.length, true);
    withLie.set(lying, 4);
    cases.push(withLie);
    // The same body referenced twice (a memory amplification attempt), and a body with extra bytes.
    const twice = new TextEncoder().encode('[{"$bytes":[0,2]},{"$bytes":[0,2]}]');
    const reuse = new Uint8Array(4 + twice.length + 2);
    new DataView(reuse.buffer).setUint32(0, twice.length, true);
    reuse.set(twice, 4);
    cases.push(reuse);
    const padded = new Uint8Array(good.length + 3);
    padded.set(good);
    cases.push(padded);
    for (const bytes of cases) expect(() => decodeMessage(bytes)).toThrow(/Malformed message/);
  });
});
