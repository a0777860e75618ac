import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type DataSource } from 'typeorm';
import { StaffAccountEntity } from '@recert/read-models';
import { DATA_SOURCE } from '../../database/tokens';
import type { StaffListAnswer } from './list-staff.dto';

/** `GET /staff` from the staff accounts read model, by email. */
@Injectable()
export class StaffQueries {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(filter: { limit: number; cursor?: string }): Promise<StaffListAnswer> {
    const rows = await this.dataSource.getRepository(StaffAccountEntity).find({
      where: filter.cursor ? { email: MoreThan(filter.cursor) } : {},
      order: { email: 'ASC' },
      take: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map(({ lastRevision: _, ...row }) => row),
      nextCursor: rows.length > filter.limit ? page[page.length - 1]!.email : null,
    };
  }
}
