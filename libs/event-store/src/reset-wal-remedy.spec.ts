import { resetwalRemedy } from './postgres-event-store';

describe('resetwalRemedy', () => {
  it('starts the cluster on the next pg_xact segment past the stored maximum', () => {
    expect(resetwalRemedy('1000')).toContain('pg_resetwal -e 0 -x 1048576 <data directory>');
    expect(resetwalRemedy('1048575')).toContain('-e 0 -x 1048576 ');
    expect(resetwalRemedy('1048576')).toContain('-e 0 -x 2097152 ');
  });

  it('carries the epoch of a 64-bit transaction id, and wraps into the next epoch', () => {
    expect(resetwalRemedy(String(3n * 2n ** 32n + 5n))).toContain('-e 3 -x 1048576 ');
    expect(resetwalRemedy(String(2n ** 32n - 2n))).toContain('-e 1 -x 1048576 ');
  });
});
