import { FakePropertiesService, MAX_VALUE_BYTES } from './properties-service';

describe('FakePropertiesService', () => {
  it('stores strings, reads numbers back as text, and keeps the stores apart', () => {
    const service = new FakePropertiesService();
    const script = service.getScriptProperties();
    script.setProperty('hour', 7 as unknown as string);
    expect(script.getProperty('hour')).toBe('7');
    expect(script.getProperty('missing')).toBeNull();
    expect(service.getDocumentProperties()?.getProperty('hour')).toBeNull();
    script.setProperties({ a: '1', b: '2' });
    expect(script.getProperties()).toEqual({ hour: '7', a: '1', b: '2' });
    script.setProperties({ c: '3' }, true);
    expect(script.getKeys()).toEqual(['c']);
    script.deleteProperty('c');
    expect(script.getProperties()).toEqual({});
    expect(service.calls.count('Properties.setProperty')).toBe(1);
  });

  it('refuses a value above 9 KB and has no document store in a standalone script', () => {
    const service = new FakePropertiesService({ hasContainer: false });
    expect(() => service.getUserProperties().setProperty('big', 'x'.repeat(MAX_VALUE_BYTES + 1))).toThrow(
      'Argument too large: value',
    );
    expect(() =>
      service.getUserProperties().setProperty('big', 'đ'.repeat(MAX_VALUE_BYTES / 2)),
    ).not.toThrow();
    expect(service.getDocumentProperties()).toBeNull();
  });
});
