import { inspectValue, unstorable } from '../src/input-guard';

describe('the input guard on a parsed body', () => {
  it('names the field holding a NUL or a lone surrogate, keys included', () => {
    expect(unstorable('plain 文本 😀')).toBeUndefined();
    expect(unstorable('a\u0000b')).toMatch(/NUL/);
    expect(unstorable('a\ud800b')).toMatch(/surrogate/);
    expect(unstorable('a\udc00')).toMatch(/surrogate/);
    expect(inspectValue({ resident: { name: 'ok', email: 'a\ud800@x.cn' } }, 32)?.details).toEqual({ errors: [{ field: 'resident.email', messages: [expect.stringMatching(/surrogate/)] }] });
    expect(inspectValue({ items: ['ok', 'a\u0000'] }, 32)?.details).toEqual({ errors: [{ field: 'items.1', messages: [expect.stringMatching(/NUL/)] }] });
    expect((inspectValue({ ['k\u0000']: 1 }, 32)?.details as { errors: { field: string }[] }).errors[0].field).toBe('k\u0000');
  });

  it('refuses nesting past the limit without recursion, even 100,000 levels deep', () => {
    const deep = JSON.parse(`{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    expect(inspectValue(deep, 32)?.code).toBe('BODY_TOO_DEEP');
    expect(inspectValue({ a: { b: { c: [1, 2, { d: 'e' }] } } }, 32)).toBeUndefined();
  });
});
