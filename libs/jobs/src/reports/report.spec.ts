import { normaliseRequest, ReportRequestInvalid } from './report';

describe('normaliseRequest', () => {
  it('normalises knownAt to the store recordedAt form, so the filter is a string comparison', () => {
    expect(normaliseRequest({ type: 'appeals', asOf: '2026-06-30', knownAt: '2026-07-01T08:00:00-06:00' })).toEqual({
      type: 'appeals',
      cycle: null,
      asOf: '2026-06-30',
      knownAt: '2026-07-01T14:00:00.000Z',
    });
  });

  it.each([
    [{ type: 'everything', asOf: '2026-06-30', knownAt: '2026-07-01T00:00:00Z' }, /not a report type/],
    [{ type: 'appeals', asOf: '2026-02-30', knownAt: '2026-07-01T00:00:00Z' }, /asOf must be a date/],
    // A date alone does not say which instant of which time zone: the caller decides.
    [{ type: 'appeals', asOf: '2026-06-30', knownAt: '2026-07-01' }, /knownAt must be an instant/],
    [{ type: 'appeals', asOf: '2026-06-30', knownAt: '2026-07-01T00:00:00Z', cycle: '2025-2027' }, /no 2025-2027 cycle policy/],
  ])('refuses %j with REPORT_REQUEST_INVALID', (request, message) => {
    expect(() => normaliseRequest(request as never)).toThrow(message);
    expect(() => normaliseRequest(request as never)).toThrow(ReportRequestInvalid);
  });
});
