import { DEMO_ADMIN_EMAIL, firstAdminOf } from './first-admin';

describe('firstAdminOf (api.md "Sign-in": the first admin, created once)', () => {
  it('takes RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD when both are set, on either database', () => {
    const given = { RECERT_ADMIN_EMAIL: 'admin@example.org', RECERT_ADMIN_PASSWORD: 'change me at once' };
    expect(firstAdminOf(given)).toEqual({ email: 'admin@example.org', password: 'change me at once' });
    expect(firstAdminOf({ ...given, DATABASE_URL: 'postgres://db/recert' })).toEqual({ email: 'admin@example.org', password: 'change me at once' });
  });

  it('makes a demo admin with a password to be made up on the embedded database when neither is set', () => {
    expect(firstAdminOf({})).toEqual({ email: DEMO_ADMIN_EMAIL, password: null });
  });

  it('makes nobody against PostgreSQL without them, nor when only one of the two is set', () => {
    expect(firstAdminOf({ DATABASE_URL: 'postgres://db/recert' })).toBeNull();
    expect(firstAdminOf({ RECERT_ADMIN_EMAIL: 'admin@example.org' })).toBeNull();
    expect(firstAdminOf({ RECERT_ADMIN_PASSWORD: 'change me at once' })).toBeNull();
  });
});
