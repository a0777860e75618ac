/**
 * D5.1: a reproducible random sample. The seed string is hashed (FNV-1a, 32 bits) into the state
 * of a mulberry32 generator, which drives a partial Fisher-Yates shuffle of the population sorted
 * by id. Same seed and same population: same selection, on any machine, forever. Never change
 * this function; add a new algorithm name instead (AuditDrawMade records which one ran).
 */

export function seedHash(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A pure generator of numbers in [0, 1): each call of the returned function advances it. */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The population as drawn from: unique ids in code-unit order (never locale-dependent). */
export function drawPopulation(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How many to draw at a rate: rounded up, so a rate above zero audits at least one person. */
export function drawSize(populationSize: number, rate: number): number {
  return Math.min(populationSize, Math.ceil(populationSize * rate - 1e-9));
}

/** Selects `count` ids of the (sorted, unique) population, in the order drawn. */
export function drawSample(seed: string, population: readonly string[], count: number): string[] {
  const pool = drawPopulation(population);
  const next = mulberry32(seedHash(seed));
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/**
 * D5.2 (newer policies select right after the fee is paid): one certificant's draw, decided by a
 * seed such as `<cycle>:<certificantId>:<feeId>`, selected with probability `rate`.
 */
export function selectedOnFeePaid(seed: string, rate: number): boolean {
  return mulberry32(seedHash(seed))() < rate;
}
