/**
 * git's object id of a blob: SHA-1 of `blob <size>\0<data>` (SHA-256 in a repository with 64-digit
 * ids). node:crypto's first hash costs ~6 ms (OpenSSL's set-up), more than hashing the few pages a
 * commit reads in JavaScript (~100 MB/s); `bulk` (megabytes to hash: `docs --all`) takes node:crypto.
 */
import { nodeCrypto } from '../lazy.js';

export function blobId(data: Uint8Array, digits = 40, bulk = false): string {
  const header = new TextEncoder().encode(`blob ${data.length}\0`);
  if (digits === 64 || bulk) return nodeCrypto().createHash(digits === 64 ? 'sha256' : 'sha1').update(header).update(data).digest('hex');
  return sha1(header, data);
}

const W = new Int32Array(80);

/** SHA-1 of `a` followed by `b` (FIPS 180-4), as 40 hex digits. */
function sha1(a: Uint8Array, b: Uint8Array): string {
  const length = a.length + b.length;
  const blocks = ((length + 8) >>> 6) + 1;
  const tail = new Uint8Array(128);
  const at = (i: number): number => (i < a.length ? a[i]! : b[i - a.length]!);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  // Whole blocks straight from the data; the last one or two (padding, length) from `tail`.
  const direct = Math.floor(length / 64);
  const rest = length - direct * 64;
  for (let i = 0; i < rest; i++) tail[i] = at(direct * 64 + i);
  tail[rest] = 0x80;
  const tailBlocks = blocks - direct;
  const bits = length * 8;
  const end = tailBlocks * 64;
  tail[end - 5] = (bits / 0x100000000) >>> 0;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  for (let block = 0; block < blocks; block++) {
    const fromTail = block >= direct;
    const base = fromTail ? (block - direct) * 64 : block * 64;
    if (fromTail) for (let t = 0; t < 16; t++) W[t] = (tail[base + 4 * t]! << 24) | (tail[base + 4 * t + 1]! << 16) | (tail[base + 4 * t + 2]! << 8) | tail[base + 4 * t + 3]!;
    else if (base >= a.length) {
      const o = base - a.length;
      for (let t = 0; t < 16; t++) W[t] = (b[o + 4 * t]! << 24) | (b[o + 4 * t + 1]! << 16) | (b[o + 4 * t + 2]! << 8) | b[o + 4 * t + 3]!;
    } else for (let t = 0; t < 16; t++) W[t] = (at(base + 4 * t) << 24) | (at(base + 4 * t + 1) << 16) | (at(base + 4 * t + 2) << 8) | at(base + 4 * t + 3);
    for (let t = 16; t < 80; t++) {
      const x = W[t - 3]! ^ W[t - 8]! ^ W[t - 14]! ^ W[t - 16]!;
      W[t] = (x << 1) | (x >>> 31);
    }
    let x0 = h0;
    let x1 = h1;
    let x2 = h2;
    let x3 = h3;
    let x4 = h4;
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? ((x1 & x2) | (~x1 & x3)) + 0x5a827999 : t < 40 ? (x1 ^ x2 ^ x3) + 0x6ed9eba1 : t < 60 ? ((x1 & x2) | (x1 & x3) | (x2 & x3)) + 0x8f1bbcdc : (x1 ^ x2 ^ x3) + 0xca62c1d6;
      const temp = (((x0 << 5) | (x0 >>> 27)) + f + x4 + W[t]!) | 0;
      x4 = x3;
      x3 = x2;
      x2 = (x1 << 30) | (x1 >>> 2);
      x1 = x0;
      x0 = temp;
    }
    h0 = (h0 + x0) | 0;
    h1 = (h1 + x1) | 0;
    h2 = (h2 + x2) | 0;
    h3 = (h3 + x3) | 0;
    h4 = (h4 + x4) | 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}
