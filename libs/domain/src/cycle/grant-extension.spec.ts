import { expectCycle } from './fixtures';

const grant = { type: 'GrantExtension' as const, certificantId: 'c-1', cycle: '2018-2020', until: '2021-06-30', appealId: 'ap-1', grantedOn: '2021-04-20' };
const granted = { type: 'ExtensionGranted' as const, data: { until: '2021-06-30', grantedOn: '2021-04-20', appealId: 'ap-1' } };

describe('GrantExtension', () => {
  it('D6.3 a granted appeal extends the late deadline to a date', () => {
    expectCycle.given([]).when(grant).then([granted]);
  });
  it('D6.3 refuses an extension that ends inside the late window', () => {
    expectCycle.given([]).when({ ...grant, until: '2021-01-15', grantedOn: '2021-01-10' }).thenThrows('EXTENSION_DATE_INVALID');
  });
  it('changes nothing when the same appeal is applied again (idempotent)', () => {
    expectCycle.given([granted]).when(grant).thenNothing();
  });
});
