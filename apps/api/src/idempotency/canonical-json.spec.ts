import { canonicalJson } from './idempotency.interceptor';

describe('canonicalJson', () => {
  it('gives the same text for the same body whatever the order of its fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }));
  });

  it('tells apart bodies that differ in a value, a type or an array order', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson(null)).toBe('null');
  });
});
