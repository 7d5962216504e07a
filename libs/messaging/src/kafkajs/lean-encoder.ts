import { version as kafkajsVersion } from 'kafkajs/package.json';

/** The part of kafkajs's internal wire encoder (src/protocol/encoder.js) replaced here. */
export interface KafkaEncoder {
  buf: Buffer;
  offset: number;
  ensureAvailable: (this: KafkaEncoder, length: number) => void;
  writeUVarInt: (this: KafkaEncoder, value: number) => KafkaEncoder;
  readonly buffer: Buffer;
}
interface KafkaEncoderClass {
  nextPowerOfTwo(this: void, value: number): number;
  readonly prototype: KafkaEncoder;
}

// kafkajs publishes no types for its internals.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const KafkaEncoder = require('kafkajs/src/protocol/encoder') as KafkaEncoderClass;

/** The kafkajs release whose encoder this was read against; any other is left as it is. */
export const LEAN_ENCODER_KAFKAJS_VERSION = '2.2.4';

const MOST_SIGNIFICANT_BIT = 0x80;
const LOW_SEVEN_BITS = 0x7f;
const ABOVE_SEVEN_BITS = 0xffffff80;

const original = {
  nextPowerOfTwo: KafkaEncoder.nextPowerOfTwo,
  ensureAvailable: KafkaEncoder.prototype.ensureAvailable,
  writeUVarInt: KafkaEncoder.prototype.writeUVarInt,
};

/** A header's key and value fit: fewer regrowths than starting from nothing. */
const FIRST_CAPACITY = 64;
/** The smallest power of two above `value`, as kafkajs grows its buffers. */
const powerOfTwoAbove = (value: number): number => 1 << (32 - Math.clz32(value));

function ensureAvailable(this: KafkaEncoder, length: number): void {
  const needed = this.offset + length;
  if (needed <= this.buf.length) return;
  // Every byte up to `offset` is written before it is read, so unzeroed (pooled) memory will do.
  const grown = Buffer.allocUnsafe(Math.max(FIRST_CAPACITY, powerOfTwoAbove(needed)));
  this.buf.copy(grown, 0, 0, this.offset);
  this.buf = grown;
}

function writeUVarInt(this: KafkaEncoder, value: number): KafkaEncoder {
  this.ensureAvailable(5);
  let rest = value;
  while ((rest & ABOVE_SEVEN_BITS) !== 0) {
    this.buf[this.offset++] = (rest & LOW_SEVEN_BITS) | MOST_SIGNIFICANT_BIT;
    rest >>>= 7;
  }
  this.buf[this.offset++] = rest & LOW_SEVEN_BITS;
  return this;
}

/**
 * kafkajs encodes every record header, and every record, with a fresh encoder that starts on a
 * zero-filled 512-byte buffer of its own, and writes each varint through a temporary buffer: a
 * CloudEvents message (twelve `ce_*` headers) costs some thirty buffer allocations, which made
 * headers cost the relay more than the broker's round trip (relay-profile bench). This swaps
 * those three steps for ones that write the same bytes: an encoder starts empty and grows in
 * pooled memory; varints are written in place. kafkajs has had no release since 2023, so the
 * encoder is stable; the swap applies only to the version it was checked against
 * (lean-encoder.unit.spec.ts compares the bytes with kafkajs's own).
 */
export const useLeanKafkaEncoding = (enabled = true): boolean => {
  if (kafkajsVersion !== LEAN_ENCODER_KAFKAJS_VERSION) return false;
  const lean = enabled;
  // The constructor sizes its first buffer by nextPowerOfTwo(511); ensureAvailable (replaced
  // here) was its only other caller, so the lean one sizes growth itself.
  KafkaEncoder.nextPowerOfTwo = lean ? () => 0 : original.nextPowerOfTwo;
  KafkaEncoder.prototype.ensureAvailable = lean ? ensureAvailable : original.ensureAvailable;
  KafkaEncoder.prototype.writeUVarInt = lean ? writeUVarInt : original.writeUVarInt;
  return lean;
};
