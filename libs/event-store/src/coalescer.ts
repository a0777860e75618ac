/**
 * Natural batching (docs/adr/0007): calls made while a batch is in flight wait and go together in
 * the next one. A lone call goes at once, so a quiet system pays no delay; under load, each round
 * trip to the database serves every call that queued behind the last one. On this kind of machine
 * a round trip costs far more CPU (the socket write, the server's wake-up and statement) than the
 * rows it carries, so fewer, fuller statements are what makes concurrent requests cheaper.
 *
 * `run` answers one output per input, in order; an output that is a `Refused` fails that call
 * alone with its error; if `run` throws, every call of the batch fails with its error.
 */
export class Coalescer<I, O> {
  private queue: Array<{ input: I; resolve: (output: O) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;

  /**
   * @param run answers a batch
   * @param options.maxBatch the most inputs in one batch
   * @param options.concurrency how many batches may be in flight at once (1: strictly one after another)
   */
  constructor(
    private readonly run: (inputs: I[]) => Promise<Array<O | Refused>>,
    private readonly options: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    const concurrency = this.options.concurrency ?? 1;
    while (this.queue.length > 0 && this.inFlight < concurrency) {
      const batch = this.queue.splice(0, this.options.maxBatch ?? 256);
      this.inFlight++;
      void this.send(batch);
    }
  }

  private async send(batch: typeof this.queue): Promise<void> {
    try {
      const outputs = await this.run(batch.map((entry) => entry.input));
      if (outputs.length !== batch.length) throw new Error(`A batch of ${batch.length} got ${outputs.length} answers.`);
      batch.forEach((entry, index) => {
        const output = outputs[index];
        if (output instanceof Refused) entry.reject(output.error);
        else entry.resolve(output);
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.inFlight--;
      this.drain();
    }
  }
}

/** One call's failure in a batch that otherwise went through. */
export class Refused {
  constructor(readonly error: unknown) {}
}
