/**
 * Ctrl-C during a benchmark: drop its database (cleanUp) and exit 130. Answers whether that has
 * happened, so the run stops at its next step instead of cleaning up twice.
 */
export function onInterrupt(log: (line: string) => void, cleanUp: () => Promise<void>): () => boolean {
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    log('interrupted: dropping the database');
    cleanUp().then(
      () => process.exit(130),
      () => process.exit(130),
    );
  });
  return () => interrupted;
}
