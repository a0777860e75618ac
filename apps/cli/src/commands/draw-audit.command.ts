import { Command, Option } from 'nest-commander';
import { ApiCommand, table, wholeNumber } from '../api-command';
import { CliError, EXIT, type ConnectionOptions } from '../cli-context';

interface DrawOptions extends ConnectionOptions {
  rate?: number;
  count?: number;
  seed: string;
}

/** POST /audits/draws */
interface DrawAnswer {
  drawId: string;
  selected: { auditId: string; certificantId: string }[];
  population: number;
}

/** Issue 5 items 3 and 8: a seeded audit draw (D5.1: the same seed and population draw the same people). */
@Command({
  name: 'draw-audit',
  arguments: '<cycle>',
  argsDescription: { cycle: 'e.g. 2024-2026' },
  description: "Draw the audit among those complete, at a rate or a count (default: the policy's rate), with a seed",
})
export class DrawAuditCommand extends ApiCommand {
  async run([cycle]: string[], options: DrawOptions): Promise<void> {
    if (options.rate !== undefined && options.count !== undefined) throw new CliError(EXIT.usage, 'Give --rate or --count, not both.');
    const api = await this.connect(options);
    const draw = await api.post<DrawAnswer>('/audits/draws', {
      cycle,
      seed: options.seed,
      ...(options.rate !== undefined ? { rate: options.rate } : {}),
      ...(options.count !== undefined ? { count: options.count } : {}),
    });
    this.context.out(`draw ${draw.drawId}: ${draw.selected.length} selected of ${draw.population} complete in ${cycle} (seed "${options.seed}")`);
    if (draw.selected.length > 0) {
      for (const line of table([['certificantId', 'auditId'], ...draw.selected.map((s) => [s.certificantId, s.auditId])])) this.context.out(`  ${line}`);
    }
  }

  @Option({ flags: '--rate <share>', description: 'the share to draw, above 0 and at most 1, e.g. 0.05' })
  parseRate(value: string): number {
    const rate = Number(value);
    if (!/^(0|1)?(\.\d+)?$/.test(value) || !(rate > 0 && rate <= 1)) throw new CliError(EXIT.usage, `--rate must be a share above 0 and at most 1, e.g. 0.05 (got "${value}").`);
    return rate;
  }

  @Option({ flags: '--count <n>', description: 'how many to draw (instead of a rate)' })
  parseCount(value: string): number {
    return wholeNumber('--count', value);
  }

  @Option({ flags: '--seed <seed>', description: 'the seed, recorded with the draw, e.g. "2024-02-10 committee meeting"', required: true })
  parseSeed(value: string): string {
    return value;
  }
}
