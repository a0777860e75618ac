import { expectCertificant, registered } from './fixtures';

const register = {
  type: 'RegisterCertificant' as const,
  certificantId: 'c-1',
  firstName: 'Ana',
  lastName: 'Reyes',
  email: 'Ana@Example.org',
  registeredOn: '2024-01-10',
};

describe('RegisterCertificant', () => {
  it('D1.1 a person with an account is registered', () => {
    expectCertificant.given([]).when(register).then([registered()]);
  });

  it('refuses an email that is not an address', () => {
    expectCertificant.given([]).when({ ...register, email: 'ana.example.org' }).thenThrows('CERTIFICANT_EMAIL_INVALID');
  });

  it('refuses a missing name', () => {
    expectCertificant.given([]).when({ ...register, lastName: ' ' }).thenThrows('CERTIFICANT_NAME_MISSING');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectCertificant.given([registered()]).when(register).thenNothing();
  });
});
