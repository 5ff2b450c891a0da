/**
 * The external ids an import has seen, kept in typed arrays instead of a `Set<string>`: a JS Set of
 * a million short strings holds ~50 MB of heap (a string object and a hash-table entry per id),
 * which took a 1M-row import past its 500 MB budget (docs/PERFORMANCE.md, Import). Here each id is
 * its UTF-8 bytes in one growing buffer, found again through an open-addressing table of offsets
 * and hashes: ~20 bytes an id plus the id itself. Exact, not a digest: a false "repeated id" would
 * refuse a good row.
 */
const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;
const INITIAL_BYTES = 1 << 16;

export class ExternalIdSet {
  /** Each id's bytes as stored: a 4-byte length, then UTF-8. */
  private bytes = Buffer.alloc(INITIAL_BYTES);
  private used = 0;
  /** Offset + 1 of the id in `bytes` per slot (0: empty); `hashes` beside it, to skip most compares. */
  private slots = new Int32Array(INITIAL_SLOTS);
  private hashes = new Int32Array(INITIAL_SLOTS);
  size = 0;

  /** Adds `id`; false if it was already there. */
  add(id: string): boolean {
    const encoded = Buffer.from(id, 'utf8');
    const hash = hashOf(encoded);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== EMPTY) {
      if (this.hashes[slot] === hash && this.equalsAt(this.slots[slot]! - 1, encoded)) return false;
      slot = (slot + 1) & mask;
    }
    this.slots[slot] = this.store(encoded) + 1;
    this.hashes[slot] = hash;
    this.size++;
    if (this.size * 2 > this.slots.length) this.grow();
    return true;
  }

  private equalsAt(offset: number, encoded: Buffer): boolean {
    const length = this.bytes.readUInt32LE(offset);
    return (
      length === encoded.length &&
      this.bytes.compare(encoded, 0, length, offset + 4, offset + 4 + length) === 0
    );
  }

  private store(encoded: Buffer): number {
    const needed = this.used + 4 + encoded.length;
    if (needed > this.bytes.length) {
      const larger = Buffer.alloc(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(larger, 0, 0, this.used);
      this.bytes = larger;
    }
    const offset = this.used;
    this.bytes.writeUInt32LE(encoded.length, offset);
    encoded.copy(this.bytes, offset + 4);
    this.used = needed;
    if (offset + 1 > 0x7fff_ffff) throw new Error('too many external ids for one import');
    return offset;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const hashes = new Int32Array(slots.length);
    const mask = slots.length - 1;
    for (let i = 0; i < this.slots.length; i++) {
      if (this.slots[i] === EMPTY) continue;
      let slot = this.hashes[i]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = this.slots[i]!;
      hashes[slot] = this.hashes[i]!;
    }
    this.slots = slots;
    this.hashes = hashes;
  }
}

/** FNV-1a over the bytes, then a final mix so that sequential ids spread over the table. */
function hashOf(bytes: Buffer): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash | 0;
}
