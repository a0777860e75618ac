import type { Api, CliContext } from '../cli-context';
import { pollUntil } from '../cli-context';
import { Progress } from '../progress';

/** What GET /cycles/:cycle/runs/:jobId and GET /certificates/runs/:jobId answer (api.md; RunProgress in the API's run store). */
export interface RunProgress {
  jobId: string;
  kind: string;
  cycle: string;
  state: 'queued' | 'running' | 'completed' | 'failed';
  total: number | null;
  done: number;
  changed: number;
  refused: { id: string; code: string }[];
  issued: { certificantId: string; certification: string; verificationCode: string }[];
  error: string | null;
}

/** Follows a background run until it is over, with a progress bar (or lines). */
export async function followRun(context: CliContext, api: Api, label: string, unit: string, path: string): Promise<RunProgress> {
  const progress = new Progress(context, label, unit);
  try {
    return await pollUntil(
      context,
      () => api.get<RunProgress>(path),
      (run) => run.state !== 'queued' && run.state !== 'running',
      (run) => progress.update(run.done, run.total),
    );
  } finally {
    progress.stop();
  }
}

/** The refusals of a run, one a line. */
export function printRefused(context: CliContext, run: RunProgress): void {
  for (const refusal of run.refused) context.out(`  refused ${refusal.id}: ${refusal.code}`);
}
