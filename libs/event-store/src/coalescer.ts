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
  private inFlight = false;

  /**
   * @param run answers a batch
   * @param maxBatch the most inputs in one batch
   */
  constructor(
    private readonly run: (inputs: I[]) => Promise<Array<O | Refused>>,
    private readonly maxBatch = 256,
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = true;
    void this.send(this.queue.splice(0, this.maxBatch));
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
      this.inFlight = false;
      this.drain();
    }
  }
}

/** One call's failure in a batch that otherwise went through. */
export class Refused {
  constructor(readonly error: unknown) {}
}
