// A fixed-size set membership sketch: "maybe seen" or "certainly not". Planning uses it to find
// collision candidates in one pass over any number of keys without its memory growing.
export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly m: number;

  constructor(
    bitCount: number,
    private readonly hashes = 7,
  ) {
    this.m = Math.max(64, Math.ceil(bitCount / 32) * 32);
    this.bits = new Uint32Array(this.m / 32);
  }

  /** Adds the value; returns whether it may have been present already. */
  add(value: string): boolean {
    let seen = true;
    this.forEachBit(value, (i) => {
      const word = i >>> 5;
      const mask = 1 << (i & 31);
      if (((this.bits[word] ?? 0) & mask) === 0) {
        seen = false;
        this.bits[word] = (this.bits[word] ?? 0) | mask;
      }
    });
    return seen;
  }

  mayContain(value: string): boolean {
    let all = true;
    this.forEachBit(value, (i) => {
      if (((this.bits[i >>> 5] ?? 0) & (1 << (i & 31))) === 0) all = false;
    });
    return all;
  }

  /** Double hashing (Kirsch-Mitzenmacher) over two 32-bit FNV-1a variants. */
  private forEachBit(value: string, visit: (bit: number) => void): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 >>>= 0;
    h2 = (h2 | 1) >>> 0;
    for (let k = 0; k < this.hashes; k++) visit((h1 + Math.imul(k, h2)) % this.m >>> 0);
  }
}
