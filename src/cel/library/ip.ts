import { isIPv6 } from "node:net";
import type { CelValue } from "@bufbuild/cel";
import { expect as expectKind, func, methods, opaque, str } from "./opaque.js";

/**
 * The Kubernetes IP and CIDR libraries, with Go's net/netip rules: IPv4 octets without leading zeros,
 * no zones, no IPv4-mapped IPv6; canonical text is netip's (RFC 5952 for IPv6).
 */
export interface Address {
  readonly family: 4 | 6;
  readonly bits: bigint;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseIp(text: string): Address | undefined {
  if (IPV4.test(text)) return { family: 4, bits: text.split(".").reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n) };
  if (text.includes("%") || !isIPv6(text)) return undefined;
  const bits = ipv6Bits(text);
  if (bits === undefined || bits >> 32n === 0xffffn) return undefined; // ::ffff:a.b.c.d is IPv4-mapped
  return { family: 6, bits };
}

function ipv6Bits(text: string): bigint | undefined {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const v4 = parseIp(dotted);
    if (v4?.family !== 4) return undefined;
    groups = `${text.slice(0, -dotted.length)}${(v4.bits >> 16n).toString(16)}:${(v4.bits & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = groups.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - left.length - right.length;
  const all = tail === undefined ? left : [...left, ...Array(missing).fill("0"), ...right];
  if (all.length !== 8) return undefined;
  return all.reduce((acc, group) => (acc << 16n) | BigInt(`0x${group}`), 0n);
}

export function formatIp({ family, bits }: Address): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => (bits >> BigInt(112 - 16 * i)) & 0xffffn);
  // RFC 5952: the longest run (of two or more) zero groups becomes ::, the first on a tie
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0n) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start === -1) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

const width = (family: 4 | 6) => (family === 4 ? 32n : 128n);
const inRange = (a: Address, family: 4 | 6, prefix: bigint, length: bigint) =>
  a.family === family && a.bits >> (width(family) - length) === prefix >> (width(family) - length);

const isLoopback = (a: Address) => (a.family === 4 ? inRange(a, 4, 0x7f000000n, 8n) : a.bits === 1n);
const isMulticast = (a: Address) => (a.family === 4 ? inRange(a, 4, 0xe0000000n, 4n) : inRange(a, 6, 0xffn << 120n, 8n));
const isLinkLocalUnicast = (a: Address) =>
  a.family === 4 ? inRange(a, 4, 0xa9fe0000n, 16n) : inRange(a, 6, 0xfe80n << 112n, 10n);
const isLinkLocalMulticast = (a: Address) =>
  a.family === 4 ? inRange(a, 4, 0xe0000000n, 24n) : ((a.bits >> 112n) & 0xff0fn) === 0xff02n;
const isGlobalUnicast = (a: Address) =>
  !(a.family === 4 && (a.bits === 0n || a.bits === 0xffffffffn)) &&
  a.bits !== 0n &&
  !isLoopback(a) &&
  !isMulticast(a) &&
  !isLinkLocalUnicast(a);

function ipValue(address: Address): CelValue {
  return opaque("IP", formatIp(address));
}

export function readIp(value: CelValue, name: string): Address {
  if (typeof value === "string") {
    const parsed = parseIp(value);
    if (!parsed) throw new Error(`IP Address "${value}" parse error during conversion from string`);
    return parsed;
  }
  return parseIp(String(expectKind(value, "IP", name))) as Address;
}

interface Prefix {
  readonly address: Address;
  readonly length: bigint;
}

export function parseCidr(text: string): Prefix | undefined {
  const slash = text.indexOf("/");
  if (slash === -1) return undefined;
  const address = parseIp(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (!address || !/^(0|[1-9]\d{0,2})$/.test(bits) || BigInt(bits) > width(address.family)) return undefined;
  return { address, length: BigInt(bits) };
}

function readCidr(value: CelValue, name: string): Prefix {
  const text = typeof value === "string" ? value : String(expectKind(value, "CIDR", name));
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`network address parse error during conversion from string: ${text}`);
  return parsed;
}

function maskOf(prefix: Prefix): Address {
  const shift = width(prefix.address.family) - prefix.length;
  return { family: prefix.address.family, bits: (prefix.address.bits >> shift) << shift };
}

const cidrValue = (prefix: Prefix) => opaque("CIDR", `${formatIp(prefix.address)}/${prefix.length}`);

function contains(prefix: Prefix, address: Address): boolean {
  return address.family === prefix.address.family && maskOf({ address, length: prefix.length }).bits === maskOf(prefix).bits;
}

export const IP_FUNCS = [
  func("ip", 1, (text) => ipValue(readIp(str(text, "ip"), "ip"))),
  func("isIP", 1, (text) => parseIp(str(text, "isIP")) !== undefined),
  func("ip.isCanonical", 1, (text) => formatIp(readIp(str(text, "ip.isCanonical"), "ip.isCanonical")) === text),
  methods("family", 0, { IP: (ip) => BigInt(readIp(ip, "family").family) }),
  methods("isUnspecified", 0, { IP: (ip) => readIp(ip, "isUnspecified").bits === 0n }),
  methods("isLoopback", 0, { IP: (ip) => isLoopback(readIp(ip, "isLoopback")) }),
  methods("isLinkLocalMulticast", 0, { IP: (ip) => isLinkLocalMulticast(readIp(ip, "isLinkLocalMulticast")) }),
  methods("isLinkLocalUnicast", 0, { IP: (ip) => isLinkLocalUnicast(readIp(ip, "isLinkLocalUnicast")) }),
  methods("isGlobalUnicast", 0, { IP: (ip) => isGlobalUnicast(readIp(ip, "isGlobalUnicast")) }),
  func("cidr", 1, (text) => cidrValue(readCidr(str(text, "cidr"), "cidr"))),
  func("isCIDR", 1, (text) => parseCidr(str(text, "isCIDR")) !== undefined),
  methods("containsIP", 1, { CIDR: (c, ip) => contains(readCidr(c, "containsIP"), readIp(ip as CelValue, "containsIP")) }),
  methods("containsCIDR", 1, {
    CIDR: (c, other) => {
      const outer = readCidr(c, "containsCIDR");
      const inner = readCidr(other as CelValue, "containsCIDR");
      return outer.length <= inner.length && contains(outer, inner.address);
    },
  }),
  methods("ip", 0, { CIDR: (c) => ipValue(readCidr(c, "ip").address) }),
  methods("masked", 0, {
    CIDR: (c) => {
      const prefix = readCidr(c, "masked");
      return cidrValue({ address: maskOf(prefix), length: prefix.length });
    },
  }),
  methods("prefixLength", 0, { CIDR: (c) => readCidr(c, "prefixLength").length }),
];
