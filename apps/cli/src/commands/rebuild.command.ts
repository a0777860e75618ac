import { Command } from 'nest-commander';
import { ApiCommand } from '../api-command';
import { CliError, EXIT, pollUntil, type ConnectionOptions } from '../cli-context';
import { Progress } from '../progress';

/** GET /projections/:name/rebuilds/:jobId */
interface RebuildAnswer {
  jobId: string;
  projection: string;
  /** `completed` (or `done`) once the fresh tables are swapped in. */
  state: 'queued' | 'running' | 'completed' | 'done' | 'failed';
  eventsDone: number;
  head: number | null;
  error: string | null;
}

/** Issue 5 items 6 and 8: POST /projections/:name/rebuild for one projection or each, one after the other. */
@Command({
  name: 'rebuild',
  arguments: '[name]',
  argsDescription: { name: 'the projection (default: every projection GET /projections lists)' },
  description: 'Rebuild a read model (or all of them) from the event log, as jobs with progress',
})
export class RebuildCommand extends ApiCommand {
  async run([name]: string[], options: ConnectionOptions): Promise<void> {
    const api = await this.connect(options);
    const names = name ? [name] : (await api.get<{ items: { name: string }[] }>('/projections')).items.map((item) => item.name);
    const failed: string[] = [];
    for (const projection of names) {
      const path = `/projections/${encodeURIComponent(projection)}`;
      const { jobId } = await api.post<{ jobId: string }>(`${path}/rebuild`);
      const progress = new Progress(this.context, `rebuild ${projection}`, 'events');
      let answer: RebuildAnswer;
      try {
        answer = await pollUntil(
          this.context,
          () => api.get<RebuildAnswer>(`${path}/rebuilds/${encodeURIComponent(jobId)}`),
          (a) => a.state !== 'queued' && a.state !== 'running',
          (a) => progress.update(a.eventsDone, a.head ?? null),
        );
      } finally {
        progress.stop();
      }
      if (answer.state === 'failed') {
        failed.push(projection);
        this.context.out(`${projection}: rebuild ${jobId} failed: ${answer.error ?? 'no reason given'}`);
      } else {
        this.context.out(`${projection}: rebuilt (${answer.eventsDone} events)`);
      }
    }
    if (failed.length > 0) throw new CliError(EXIT.failed, `${failed.length} of ${names.length} rebuilds failed: ${failed.join(', ')}.`);
  }
}
