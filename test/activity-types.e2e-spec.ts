import { ADMIN, TestApp } from './support/app-harness';

/**
 * `GET /cycles/:cycle/activity-types` (console gap 5): the cycle policy's activity catalogue,
 * so forms build their type list and fields from the policy in force, not from a copy of api.md.
 */
describe('GET /cycles/:cycle/activity-types', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
    await app.signIn(ADMIN);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("lists every api.md activity type of the cycle's policy with its category", async () => {
    const answer = await app.get('/cycles/2021-2023/activity-types');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ cycle: '2021-2023', nextCursor: null });
    const types = answer.body.items.map((item: { activityType: string }) => item.activityType);
    // api.md: "A policy may add types; these names stay."
    expect(types).toEqual(
      expect.arrayContaining([
        'event-attendance', 'nsca-quiz', 'presentation', 'publication', 'volunteer-service', 'college-course', 'first-aid',
        'pre-approved-home-study', 'ncca-certification', 'personal-development', 'additional-nsca-certification', 'usada-safesport',
      ]),
    );
    for (const item of answer.body.items) expect(answer.body.categories.map((c: { code: string }) => c.code)).toContain(item.category);
  });

  it('D3.6-D3.8 says how each value is given, the fields it needs and the cap per item', async () => {
    const { body } = await app.get('/cycles/2018-2020/activity-types');
    const byType = (type: string) => body.items.find((item: { activityType: string }) => item.activityType === type);
    expect(byType('event-attendance')).toMatchObject({
      category: 'A',
      value: { kind: 'per-hour', ceusPerHour: 0.1 },
      maxCeusPerItem: 2,
      fields: [{ field: 'hours', required: true }, { field: 'inScopeHours', required: false }, { field: 'eventRef', required: false }],
    });
    expect(byType('college-course')).toMatchObject({
      value: { kind: 'credit-hours', semesterCeus: 0.5, quarterCeus: 0.3 },
      maxCeusPerItem: 2,
      fields: [{ field: 'creditHours', required: true }, { field: 'creditSystem', required: true }],
    });
    expect(byType('first-aid')).toMatchObject({ value: { kind: 'fixed', ceus: 0.5 }, fields: [], maxCeusPerItem: null });
    // D3.14: a quiz needs its score; its CEUs default to 0.2.
    expect(byType('nsca-quiz')).toMatchObject({
      value: { kind: 'declared', defaultCeus: 0.2 },
      passingScore: 70,
      fields: [{ field: 'quizScore', required: true }, { field: 'ceus', required: false }],
    });
    expect(byType('presentation')).toMatchObject({ value: { kind: 'declared', defaultCeus: null }, fields: [{ field: 'ceus', required: true }] });
    // D3.15, D3.11, D3.13
    expect(byType('publication').reportableBy).toEqual(['staff']);
    expect(byType('personal-development').maxCeusPerCertifiedYear).toBe(0.5);
    expect(byType('additional-nsca-certification').completesAlone).toBe(false);
  });

  it('answers 404 CYCLE_NOT_FOUND for a cycle with no policy', async () => {
    const answer = await app.get('/cycles/1999-2001/activity-types');
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('CYCLE_NOT_FOUND');
  });
});
