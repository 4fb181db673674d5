/** IPv4 CIDR arithmetic for VPCs, subnets, address allocation and target addresses. */

export interface Cidr {
  /** The first address, as an unsigned 32-bit number. */
  readonly base: number;
  readonly prefix: number;
  readonly size: number;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** The CIDR, or undefined when it is malformed or has host bits set (AWS rejects both). */
export function parseCidr(text: string): Cidr | undefined {
  const match = IPV4_CIDR.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) return undefined;
  return { base, prefix, size };
}

export function isIpv6Cidr(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  return (
    rest.length === 0 &&
    address !== undefined &&
    /^[0-9a-fA-F:]+$/.test(address) &&
    address.includes(':') &&
    /^\d{1,3}$/.test(prefix ?? '') &&
    Number(prefix) <= 128
  );
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

export function addressAt(cidr: Cidr, offset: number): string {
  const n = cidr.base + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** AWS keeps the first four addresses and the last one of every subnet. */
export const RESERVED_AT_START = 4;

export function usableAddresses(cidr: Cidr): number {
  return Math.max(0, cidr.size - RESERVED_AT_START - 1);
}
