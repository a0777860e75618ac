import { businessDateOf, Clock } from './clock';

describe('the clock', () => {
  it('gives the business date in the body time zone, not UTC (D2.1: the deadline is the end of Dec 31 there)', () => {
    const lateEvening = new Date('2027-01-01T05:30:00Z'); // 22:30 on Dec 31 in Denver
    expect(businessDateOf(lateEvening, 'America/Denver')).toBe('2026-12-31');
    expect(businessDateOf(lateEvening, 'UTC')).toBe('2027-01-01');
  });

  it('turns the date at midnight in the zone to the millisecond, however the instants before were asked', () => {
    // 07:00Z is midnight in Denver in January; Kathmandu is 5:45 ahead of UTC, so its midnight is at 18:15Z.
    for (const [zone, before, after] of [
      ['America/Denver', '2027-01-01T06:59:59.999Z', '2027-01-01T07:00:00.000Z'],
      ['Asia/Kathmandu', '2026-12-31T18:14:59.999Z', '2026-12-31T18:15:00.000Z'],
    ]) {
      expect(businessDateOf(new Date(before.replace('59.999', '00.000')), zone)).toBe('2026-12-31');
      expect(businessDateOf(new Date(before), zone)).toBe('2026-12-31');
      expect(businessDateOf(new Date(after), zone)).toBe('2027-01-01');
      expect(businessDateOf(new Date(before), zone)).toBe('2026-12-31');
    }
  });

  it('is pinned by RECERT_NOW, as a date or an instant', () => {
    expect(new Clock('America/Denver', '2026-12-31').today()).toBe('2026-12-31');
    expect(new Clock('America/Denver', '2027-01-01T06:59:59Z').today()).toBe('2026-12-31');
    expect(new Clock('America/Denver', '2027-01-01T07:00:00Z').today()).toBe('2027-01-01');
  });
});
