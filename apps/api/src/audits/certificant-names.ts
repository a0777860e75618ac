import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CertificantSearchEntity } from '@recert/read-models';

/**
 * Adds the certificant's `name` to queue items, read at query time from the certificant-search
 * read model by primary key, so a queue page costs one extra indexed read, not one per row.
 * A certificant not (yet) projected has `name: null`.
 */
export async function withCertificantNames<T extends { certificantId: string }>(dataSource: DataSource, items: T[]): Promise<(T & { name: string | null })[]> {
  const ids = [...new Set(items.map((item) => item.certificantId))];
  const rows = ids.length
    ? await dataSource.getRepository(CertificantSearchEntity).find({ select: { certificantId: true, firstName: true, lastName: true }, where: { certificantId: In(ids) } })
    : [];
  const names = new Map(rows.map((row) => [row.certificantId, `${row.firstName} ${row.lastName}`]));
  return items.map((item) => ({ ...item, name: names.get(item.certificantId) ?? null }));
}
