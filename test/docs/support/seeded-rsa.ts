import { createHash, createPrivateKey, createPublicKey } from "node:crypto";

/**
 * An RSA key pair derived from a seed: the same seed gives the same keys on every machine. The drift
 * bot keys its Secret fingerprints (and so its pull request's marker) with the App's private key, and
 * node:crypto only makes random keys, so a screenshot of the bot's output could never be re-created
 * byte for byte with one. Never use this for anything but tests: anyone with the seed has the key.
 */
export function seededRsaKeyPair(seed: string, bits = 2048): { privateKey: string; publicKey: string } {
  const random = new SeededBytes(seed);
  const e = 65537n;
  const half = bits / 2;
  let p: bigint;
  let q: bigint;
  do {
    p = prime(random, half, e);
    q = prime(random, half, e);
  } while (p === q);
  if (p < q) [p, q] = [q, p];
  const phi = (p - 1n) * (q - 1n);
  const d = inverse(e, phi);
  const jwk = {
    kty: "RSA",
    n: base64url(p * q),
    e: base64url(e),
    d: base64url(d),
    p: base64url(p),
    q: base64url(q),
    dp: base64url(d % (p - 1n)),
    dq: base64url(d % (q - 1n)),
    qi: base64url(inverse(q, p)),
  };
  const key = createPrivateKey({ key: jwk, format: "jwk" });
  return {
    privateKey: key.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKey: createPublicKey(key).export({ type: "spki", format: "pem" }).toString(),
  };
}

/** SHA-256 in counter mode: a deterministic stream of bytes. */
class SeededBytes {
  private counter = 0;
  private buffer = Buffer.alloc(0);
  constructor(private readonly seed: string) {}

  bigint(bits: number): bigint {
    const bytes = Math.ceil(bits / 8);
    while (this.buffer.length < bytes) {
      const block = createHash("sha256")
        .update(`${this.seed}\u0000${this.counter++}`)
        .digest();
      this.buffer = Buffer.concat([this.buffer, block]);
    }
    const taken = this.buffer.subarray(0, bytes);
    this.buffer = this.buffer.subarray(bytes);
    return BigInt(`0x${taken.toString("hex")}`) & ((1n << BigInt(bits)) - 1n);
  }
}

const SMALL_PRIMES = (() => {
  const primes: bigint[] = [];
  for (let n = 3; n < 2000; n += 2) if (primes.every((p) => BigInt(n) % p !== 0n)) primes.push(BigInt(n));
  return primes;
})();

/** A `bits`-bit probable prime p with the top two bits set (so p·q has all the bits) and gcd(e, p − 1) = 1. */
function prime(random: SeededBytes, bits: number, e: bigint): bigint {
  for (;;) {
    const candidate = random.bigint(bits) | (3n << BigInt(bits - 2)) | 1n;
    if (SMALL_PRIMES.some((small) => candidate % small === 0n)) continue;
    if ((candidate - 1n) % e === 0n) continue;
    if (millerRabin(candidate, random, 40)) return candidate;
  }
}

function millerRabin(n: bigint, random: SeededBytes, rounds: number): boolean {
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  witness: for (let i = 0; i < rounds; i++) {
    const a = 2n + (random.bigint(64) % (n - 3n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) continue witness;
    }
    return false;
  }
  return true;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** a⁻¹ mod m, by the extended Euclidean algorithm. */
function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new Error("not invertible");
  return ((oldS % m) + m) % m;
}

function base64url(value: bigint): string {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex").toString("base64url");
}
