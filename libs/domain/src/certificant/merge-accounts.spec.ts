import fc from 'fast-check';
import { fold } from '../shared/decider';
import { replay, runLive } from '../testing/given-when-then';
import { staffContext } from '../testing/fixtures';
import type { CertificantCommand } from './commands';
import { certificantDecider } from './decider';
import type { AccountsMerged } from './events';
import { expectCertificant, holding, registered } from './fixtures';
import { heldCertifications } from './state';

const survivorHistory = [registered('c-1'), ...holding('NSCA-CPT', '2017-06-01', 'c-1')];
const duplicateHistory = [registered('c-2'), ...holding('CSCS', '2019-04-02', 'c-2')];
const duplicate = fold(certificantDecider, duplicateHistory);
const merge = { type: 'MergeAccounts' as const, survivorId: 'c-1', duplicateId: 'c-2' };
const merged: AccountsMerged = {
  type: 'AccountsMerged',
  data: {
    survivorId: 'c-1',
    duplicateId: 'c-2',
    mergedOn: '2025-03-01',
    duplicateCertifications: [{ certification: 'CSCS', earnedOn: '2019-04-02', pending: false }],
    duplicateCprAed: [],
  },
};

describe('MergeAccounts', () => {
  it('D1.3 the survivor and the duplicate record the same merge', () => {
    expectCertificant.given(survivorHistory).when(merge, { duplicate }).then([merged]);
    expectCertificant.given(duplicateHistory).when(merge).then([merged]);
  });

  it('D1.3 the merged account holds both histories', () => {
    const survivor = fold(certificantDecider, [...survivorHistory, merged]);
    expect(heldCertifications(survivor)).toEqual([
      { certification: 'NSCA-CPT', earnedOn: '2017-06-01' },
      { certification: 'CSCS', earnedOn: '2019-04-02' },
    ]);
    expect(survivor.mergedDuplicates).toEqual(['c-2']);
    expect(fold(certificantDecider, [...duplicateHistory, merged]).mergedInto).toBe('c-1');
  });

  it('D1.3 a certification on both accounts is held once, from the earlier date', () => {
    const both = fold(certificantDecider, [
      registered('c-1'),
      ...holding('CSCS', '2020-01-01', 'c-1'),
      { ...merged, data: { ...merged.data, duplicateCertifications: [{ certification: 'CSCS', earnedOn: '2019-04-02', pending: false }] } },
    ]);
    expect(heldCertifications(both)).toEqual([{ certification: 'CSCS', earnedOn: '2019-04-02' }]);
  });

  it('refuses merging an account into itself', () => {
    expectCertificant.given(survivorHistory).when({ ...merge, duplicateId: 'c-1' }).thenThrows('MERGE_SAME_ACCOUNT');
  });

  it('refuses a duplicate already merged into another account', () => {
    const elsewhere = fold(certificantDecider, [...duplicateHistory, { ...merged, data: { ...merged.data, survivorId: 'c-9' } }]);
    expectCertificant.given(survivorHistory).when(merge, { duplicate: elsewhere }).thenThrows('MERGE_ALREADY_MERGED');
  });

  it('refuses commands on the duplicate once merged', () => {
    expectCertificant
      .given([...duplicateHistory, merged])
      .when({ type: 'EarnCertification', certificantId: 'c-2', certification: 'TSAC-F', earnedOn: '2024-01-01' })
      .thenThrows('CERTIFICANT_MERGED');
  });

  it('changes nothing when repeated, on either stream (idempotent)', () => {
    expectCertificant.given([...survivorHistory, merged]).when(merge, { duplicate }).thenNothing();
    expectCertificant.given([...duplicateHistory, merged]).when(merge).thenNothing();
  });
});

describe('certificant replay', () => {
  const command: fc.Arbitrary<CertificantCommand> = fc.oneof(
    fc.constant<CertificantCommand>({ type: 'RegisterCertificant', certificantId: 'c-1', firstName: 'A', lastName: 'B', email: 'a@b.org' }),
    fc.record({
      type: fc.constant('EarnCertification' as const),
      certificantId: fc.constant('c-1'),
      certification: fc.constantFrom('CSCS', 'NSCA-CPT', 'TSAC-F', 'RSCC'),
      earnedOn: fc.constantFrom('2017-01-01', '2019-04-02', '2024-08-01'),
    }),
    fc.record({
      type: fc.constant('ReceiveCertificationDocuments' as const),
      certificantId: fc.constant('c-1'),
      certification: fc.constantFrom('CSCS', 'NSCA-CPT', 'TSAC-F'),
      documents: fc.constant(['cpr-aed']),
    }),
    fc.record({
      type: fc.constant('PassExam' as const),
      certificantId: fc.constant('c-1'),
      certification: fc.constantFrom('CSCS', 'TSAC-F'),
      passedOn: fc.constantFrom('2024-05-01', '2025-01-01'),
    }),
  ) as fc.Arbitrary<CertificantCommand>;

  it('folding the recorded events again gives the live state', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const live = runLive(certificantDecider, commands, staffContext);
        expect(replay(certificantDecider, live.events)).toEqual(live.state);
      }),
      { numRuns: 200 },
    );
  });
});
