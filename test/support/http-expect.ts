import type { Answer, TestApp } from './app-harness';

/** Fails with the answer's body (its code and sentence) when the status is not the one expected. */
export function expectStatus(answer: Answer, status: number, code?: string): void {
  if (answer.status !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  if (code) expect(answer.body.error.code).toBe(code);
}

/** Reads until a 200 answer's body satisfies `done` (a read model catching up, a job finishing); gives up with the last answer. */
export async function eventually<T = any>(read: () => Promise<Answer<T>>, done: (body: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await read();
    if (answer.status === 200 && done(answer.body)) return answer.body;
    if (Date.now() > until) throw new Error(`did not happen in time: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The CPR/AED card and the three activities (6.0 CEUs, categories A and C) that complete 2021-2023 for CSCS, then its fee. */
export async function complete2021to2023(app: TestApp, id: string): Promise<{ position: number }> {
  expectStatus(
    await app.post(`/certificants/${id}/cpr-aed`, { provider: 'American Red Cross', completedOn: '2023-01-15', expiresOn: '2025-01-15', coversAdult: true, skillsEvaluation: true, deliveredOnline: false }),
    201,
  );
  for (const body of [
    { activityType: 'event-attendance', activityDate: '2022-03-05', title: 'Coaches conference', provider: 'Regional clinic', hours: 20 },
    { activityType: 'event-attendance', activityDate: '2022-09-10', title: 'Strength symposium', provider: 'State association', hours: 20 },
    { activityType: 'pre-approved-home-study', activityDate: '2023-02-01', title: 'Periodization course', provider: 'NSCA', ceus: 2 },
  ]) {
    expectStatus(await app.post(`/certificants/${id}/cycles/2021-2023/activities`, { reportedOn: '2023-06-01', ...body }), 201);
  }
  const fee = await app.post(`/certificants/${id}/cycles/2021-2023/fees`, { feeType: 'recertification', certification: 'CSCS', amountCents: 7500, paidOn: '2023-06-01' });
  expectStatus(fee, 201);
  return { position: fee.body.position };
}

/** Reads until `done` holds of the whole answer (status included); gives up with the last answer. */
export async function until(read: () => Promise<Answer>, done: (answer: Answer) => boolean, timeoutMs = 30_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await read();
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
