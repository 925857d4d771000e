/**
 * A small zlib inflater (RFC 1950/1951) for git's loose objects, after Mark Adler's puff.c: canonical
 * Huffman codes decoded bit by bit, no tables built ahead. A commit reads a few object headers and
 * perhaps VERIFY.md: node:zlib would load Node's stream modules (~10 ms of a commit on a small machine)
 * and a table-driven JavaScript inflater spends ~3 ms building its tables first. Anything it cannot
 * read throws, and the caller asks git.
 */

/** Thrown when the input ends before `want` bytes came out: what came out so far is kept. */
class OutOfInput extends Error {}

interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function huffman(lengths: ArrayLike<number>, n: number): Huffman {
  const count = new Uint16Array(16);
  const symbol = new Uint16Array(n);
  for (let s = 0; s < n; s++) count[lengths[s]!]!++;
  let left = 1; // codes of each length still free: more lengths than codes is a corrupt stream
  for (let len = 1; len <= 15; len++) {
    left = (left << 1) - count[len]!;
    if (left < 0) throw new Error('over-subscribed Huffman code');
  }
  const offs = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len]! + count[len]!;
  for (let s = 0; s < n; s++) if (lengths[s] !== 0) symbol[offs[lengths[s]!]!++] = s;
  return { count, symbol };
}

class Inflater {
  private pos = 0;
  private bitBuf = 0;
  private bitCount = 0;
  readonly out: number[] = [];
  constructor(
    private readonly input: Uint8Array,
    private readonly want: number,
  ) {}

  private bits(need: number): number {
    let value = this.bitBuf;
    while (this.bitCount < need) {
      if (this.pos >= this.input.length) throw new OutOfInput();
      value |= this.input[this.pos++]! << this.bitCount;
      this.bitCount += 8;
    }
    this.bitBuf = value >>> need;
    this.bitCount -= need;
    return value & ((1 << need) - 1);
  }

  private emit(byte: number): void {
    this.out.push(byte);
    if (this.out.length >= this.want) throw new OutOfInput(); // enough: stop like at the input's end
  }

  private decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= 15; len++) {
      code |= this.bits(1);
      const count = h.count[len]!;
      if (code - count < first) return h.symbol[index + (code - first)]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Error('invalid Huffman code');
  }

  private stored(): void {
    this.bitBuf = 0;
    this.bitCount = 0;
    if (this.pos + 4 > this.input.length) throw new OutOfInput();
    const len = this.input[this.pos]! | (this.input[this.pos + 1]! << 8);
    const nlen = this.input[this.pos + 2]! | (this.input[this.pos + 3]! << 8);
    if ((len ^ 0xffff) !== nlen) throw new Error('stored block length');
    this.pos += 4;
    for (let i = 0; i < len; i++) {
      if (this.pos >= this.input.length) throw new OutOfInput();
      this.emit(this.input[this.pos++]!);
    }
  }

  private codes(lengths: Huffman, distances: Huffman): void {
    for (;;) {
      const symbol = this.decode(lengths);
      if (symbol < 256) this.emit(symbol);
      else if (symbol === 256) return;
      else {
        const s = symbol - 257;
        if (s >= 29) throw new Error('invalid length symbol');
        const length = LENGTH_BASE[s]! + this.bits(LENGTH_EXTRA[s]!);
        const d = this.decode(distances);
        if (d >= 30) throw new Error('invalid distance symbol');
        const distance = DIST_BASE[d]! + this.bits(DIST_EXTRA[d]!);
        if (distance > this.out.length) throw new Error('distance too far back');
        for (let i = 0; i < length; i++) this.emit(this.out[this.out.length - distance]!);
      }
    }
  }

  private fixed(): void {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144);
    lengths.fill(9, 144, 256);
    lengths.fill(7, 256, 280);
    lengths.fill(8, 280, 288);
    this.codes(huffman(lengths, 288), huffman(new Uint8Array(30).fill(5), 30));
  }

  private dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new Error('bad counts');
    const lengths = new Uint8Array(320);
    for (let i = 0; i < ncode; i++) lengths[CODE_LENGTH_ORDER[i]!] = this.bits(3);
    const codeLengths = huffman(lengths, 19);
    lengths.fill(0);
    for (let i = 0; i < nlen + ndist; ) {
      const symbol = this.decode(codeLengths);
      if (symbol < 16) lengths[i++] = symbol;
      else {
        let value = 0;
        let repeat: number;
        if (symbol === 16) {
          if (i === 0) throw new Error('repeat with no first length');
          value = lengths[i - 1]!;
          repeat = 3 + this.bits(2);
        } else if (symbol === 17) repeat = 3 + this.bits(3);
        else repeat = 11 + this.bits(7);
        if (i + repeat > nlen + ndist) throw new Error('too many lengths');
        while (repeat--) lengths[i++] = value;
      }
    }
    if (lengths[256] === 0) throw new Error('no end-of-block code');
    this.codes(huffman(lengths, nlen), huffman(lengths.subarray(nlen), ndist));
  }

  /** Runs to the end of the stream; true when it got there (the checksum follows at `pos`). */
  run(): boolean {
    const [cmf, flg] = [this.input[0], this.input[1]];
    if (cmf === undefined || flg === undefined) return false; // the input ended before the header
    if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) throw new Error('not a zlib stream');
    this.pos = 2;
    try {
      let last: number;
      do {
        last = this.bits(1);
        const type = this.bits(2);
        if (type === 0) this.stored();
        else if (type === 1) this.fixed();
        else if (type === 2) this.dynamic();
        else throw new Error('invalid block type');
      } while (!last);
      return true;
    } catch (error) {
      if (error instanceof OutOfInput) return false;
      throw error;
    }
  }

  /** The Adler-32 the stream ends with, checked against what came out. */
  checksumMatches(): boolean {
    const at = this.pos;
    if (at + 4 > this.input.length) return false;
    let a = 1;
    let b = 0;
    for (const byte of this.out) {
      a = (a + byte) % 65521;
      b = (b + a) % 65521;
    }
    const expected = ((this.input[at]! << 24) | (this.input[at + 1]! << 16) | (this.input[at + 2]! << 8) | this.input[at + 3]!) >>> 0;
    return ((b << 16) | a) >>> 0 === expected;
  }
}

/** The first `want` bytes (or fewer, when the input ends first) a zlib stream's beginning inflates to. */
export function inflateStart(input: Uint8Array, want: number): Buffer {
  const inflater = new Inflater(input, want);
  inflater.run();
  return Buffer.from(inflater.out);
}

/** All of a zlib stream, checked against its Adler-32; throws when it does not read whole. */
export function inflateWhole(input: Uint8Array): Buffer {
  const inflater = new Inflater(input, Number.POSITIVE_INFINITY);
  if (!inflater.run() || !inflater.checksumMatches()) throw new Error('incomplete zlib stream');
  return Buffer.from(inflater.out);
}
