import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateStart, inflateWhole } from '../../../src/git/inflate.js';

/** Seeded inputs of every shape deflate meets: text, repeats, noise, mixes, empty. */
function samples(): Buffer[] {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: Buffer[] = [Buffer.alloc(0), Buffer.from('x'), Buffer.from('blob 0\0')];
  for (let i = 0; i < 60; i++) {
    const size = Math.floor(random() ** 3 * 200_000);
    const kind = i % 4;
    const bytes = Buffer.alloc(size);
    for (let j = 0; j < size; j++) {
      bytes[j] =
        kind === 0 ? 32 + Math.floor(random() * 60) : kind === 1 ? 'abcab'.charCodeAt(j % 5) : kind === 2 ? Math.floor(random() * 256) : j % 1000 < 500 ? Math.floor(random() * 256) : 65;
    }
    out.push(Buffer.concat([Buffer.from(`blob ${size}\0`), bytes]));
  }
  return out;
}

describe('the small inflater', () => {
  it('inflates what node:zlib deflates, at every level and strategy, byte for byte', () => {
    for (const data of samples()) {
      for (const options of [{ level: 0 }, { level: 1 }, { level: 6 }, { level: 9 }, { strategy: zlib.constants.Z_HUFFMAN_ONLY }, { strategy: zlib.constants.Z_FIXED }, { strategy: zlib.constants.Z_RLE }]) {
        const deflated = zlib.deflateSync(data, options);
        expect(inflateWhole(deflated).equals(data)).toBe(true);
        expect(inflateStart(deflated, 32).equals(data.subarray(0, 32))).toBe(true);
      }
    }
  });

  it("gives what a stream's first bytes inflate to, and stops there", () => {
    const data = Buffer.from(`blob 123456\0${'some text that repeats, some text that repeats\n'.repeat(200)}`);
    const deflated = zlib.deflateSync(data);
    for (let cut = 0; cut <= deflated.length; cut += 7) {
      const start = inflateStart(deflated.subarray(0, cut), 64);
      expect(data.subarray(0, start.length).equals(start)).toBe(true);
    }
    expect(inflateStart(deflated.subarray(0, 512), 64).toString('latin1')).toMatch(/^blob 123456\0/); // git/loose.ts reads 512 at most
  });

  it('throws on what is not a whole, intact zlib stream', () => {
    const deflated = zlib.deflateSync(Buffer.from('blob 5\0hello'));
    expect(() => inflateWhole(deflated.subarray(0, deflated.length - 1))).toThrow(); // the checksum cut short
    const flipped = Buffer.from(deflated);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => inflateWhole(flipped)).toThrow(); // a wrong checksum
    expect(() => inflateStart(Buffer.from('not zlib at all'), 32)).toThrow();
    expect(() => inflateWhole(zlib.gzipSync('x'))).toThrow(); // gzip, not zlib
  });
});
