import { readImportRow, type ImportActivityRow, type RowRefusal } from './import-row';

const accepted = (row: ImportActivityRow | RowRefusal): ImportActivityRow => {
  if ('code' in row) throw new Error(`refused: ${row.code}`);
  return row;
};

describe('readImportRow', () => {
  it('maps an attendance row to the activity input, the cycle holding its date by default', () => {
    const row = accepted(readImportRow('event-attendance', 1, { email: ' Ann@Example.org ', activityDate: '2025-02-10', title: 'Conference', hours: '3', externalRef: 'EV-1' }));
    expect(row).toEqual({
      row: 1,
      identity: { email: 'ann@example.org' },
      cycle: '2024-2026',
      input: { activityType: 'event-attendance', activityDate: '2025-02-10', title: 'Conference', hours: 3, externalRef: 'EV-1' },
      derivedRef: false,
      check: { kind: 'none' },
    });
  });

  it('derives the same reference from the same content, whoever the row names and however it is spaced (D3.16)', () => {
    const a = accepted(readImportRow('event-attendance', 1, { certificantId: 'c-1', activityDate: '2025-02-10', title: 'Conference', hours: '3' }));
    const b = accepted(readImportRow('event-attendance', 7, { email: 'x@example.org', activityDate: '2025-02-10', title: ' Conference ', hours: 3, note: 'ignored' }));
    const c = accepted(readImportRow('event-attendance', 1, { certificantId: 'c-1', activityDate: '2025-02-10', title: 'Conference', hours: '4' }));
    expect(a.derivedRef).toBe(true);
    expect(a.input.externalRef).toMatch(/^derived:[0-9a-f]{32}$/);
    expect(b.input.externalRef).toBe(a.input.externalRef);
    expect(c.input.externalRef).not.toBe(a.input.externalRef);
  });

  it('refuses what cannot be read, with a code and a sentence', () => {
    expect(readImportRow('event-attendance', 2, { activityDate: '2025-02-10', title: 'x', hours: 1 })).toMatchObject({ code: 'IMPORT_ROW_NO_CERTIFICANT' });
    expect(readImportRow('event-attendance', 2, { certificantId: 'c', activityDate: '2025-02-10', title: 'x', hours: 'two' })).toMatchObject({
      code: 'IMPORT_ROW_MALFORMED',
      message: 'Row 2: hours "two" is not a number.',
    });
    expect(readImportRow('event-attendance', 3, { certificantId: 'c', activityDate: '10/02/2025', title: 'x', hours: 1 })).toMatchObject({ code: 'ACTIVITY_DATE_INVALID' });
    expect(readImportRow('event-attendance', 4, { certificantId: 'c' }, 'it has 2 cells where the header names 5 columns')).toMatchObject({ code: 'IMPORT_ROW_MALFORMED' });
    expect(readImportRow('activities', 5, { certificantId: 'c', activityDate: '2025-02-10', title: 'x' })).toMatchObject({ code: 'IMPORT_ROW_MALFORMED' });
  });

  it('maps volunteering, articles and quizzes to their activity types with what staff check (D3.15)', () => {
    const volunteer = accepted(readImportRow('volunteer', 1, { certificantId: 'c', role: 'State director', servedFrom: '2024-01-01', servedTo: '2024-12-31', ceus: '1' }));
    expect(volunteer.input).toMatchObject({ activityType: 'volunteer-service', activityDate: '2024-12-31', title: 'State director', ceus: 1 });
    expect(volunteer.check).toEqual({ kind: 'volunteer', year: 2024 });
    expect(readImportRow('volunteer', 2, { certificantId: 'c', role: 'r', servedFrom: '2024-03-01', servedTo: '2024-12-31' })).toMatchObject({
      code: 'IMPORT_VOLUNTEER_YEAR_NOT_FULL',
    });

    const article = accepted(readImportRow('publication', 1, { certificantId: 'c', publication: 'SCJ', publishedOn: '2025-02-01', ceus: 1 }));
    expect(article.input).toMatchObject({ activityType: 'publication', activityDate: '2025-02-01', title: 'SCJ', provider: 'SCJ' });
    expect(readImportRow('publication', 2, { certificantId: 'c', publication: 'SCJ', ceus: 1 })).toMatchObject({ code: 'IMPORT_PUBLICATION_NOT_IN_PRINT' });

    const quiz = accepted(readImportRow('quiz', 1, { certificantId: 'c', quizId: 'Q-1', score: '85', activityDate: '2025-05-02' }));
    expect(quiz.input).toMatchObject({ activityType: 'nsca-quiz', title: 'NSCA quiz Q-1', quizScore: 85 });
  });
});
