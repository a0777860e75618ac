import type { Tenths } from './types';

/** Decimal CEUs at the edge (api.md: `1.5`) to integer tenths inside (`15`). */
export function toTenths(ceus: number): Tenths {
  return Math.round(ceus * 10);
}

export function fromTenths(tenths: Tenths): number {
  return tenths / 10;
}

/** True when a decimal CEU amount has at most one digit after the point. */
export function isWholeTenths(ceus: number): boolean {
  return Number.isFinite(ceus) && Math.abs(ceus * 10 - Math.round(ceus * 10)) < 1e-9;
}

/** `15` -> `"1.5"`, the way staff write CEUs in sentences. */
export function formatCeus(tenths: Tenths): string {
  return fromTenths(tenths).toFixed(1);
}
