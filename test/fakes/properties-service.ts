// An in-memory PropertiesService: three stores of string values, as Google keeps them (a number
// set is read back as text), with Google's size limits (9 KB per value, 500 KB per store).

import { CallLog } from './spreadsheet-app';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

function utf8Length(text: string): number {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/gi, 'x').length;
}

export class FakeProperties {
  private readonly values = new Map<string, string>();

  constructor(
    private readonly calls: CallLog,
    readonly store: 'script' | 'document' | 'user',
  ) {}

  private record(method: string): void {
    this.calls.record(`Properties.${method}`);
  }

  private put(key: string, value: unknown): void {
    if (typeof key !== 'string' || key === '') throw new Error('Invalid argument: key');
    if (value === null || value === undefined) throw new Error('Invalid argument: value');
    const text = String(value);
    if (utf8Length(text) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    const previous = this.values.get(key);
    this.values.set(key, text);
    if (this.totalBytes() > MAX_STORE_BYTES) {
      if (previous === undefined) this.values.delete(key);
      else this.values.set(key, previous);
      throw new Error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  }

  private totalBytes(): number {
    let total = 0;
    this.values.forEach((value, key) => {
      total += utf8Length(key) + utf8Length(value);
    });
    return total;
  }

  /** The stored values without counting a call (for assertions). */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  getProperty(key: string): string | null {
    this.record('getProperty');
    return this.values.get(key) ?? null;
  }

  setProperty(key: string, value: string): this {
    this.record('setProperty');
    this.put(key, value);
    return this;
  }

  getProperties(): Record<string, string> {
    this.record('getProperties');
    return Object.fromEntries(this.values);
  }

  setProperties(properties: Readonly<Record<string, string>>, deleteAllOthers = false): this {
    this.record('setProperties');
    if (deleteAllOthers) this.values.clear();
    Object.keys(properties).forEach((key) => this.put(key, properties[key]));
    return this;
  }

  getKeys(): string[] {
    this.record('getKeys');
    return [...this.values.keys()];
  }

  deleteProperty(key: string): this {
    this.record('deleteProperty');
    this.values.delete(key);
    return this;
  }

  deleteAllProperties(): this {
    this.record('deleteAllProperties');
    this.values.clear();
    return this;
  }
}

export interface FakePropertiesServiceOptions {
  readonly calls?: CallLog;
  /** False for a standalone script, where getDocumentProperties() returns null. */
  readonly hasContainer?: boolean;
}

export class FakePropertiesService {
  readonly calls: CallLog;
  readonly script: FakeProperties;
  readonly document: FakeProperties | null;
  readonly user: FakeProperties;

  constructor(options: FakePropertiesServiceOptions = {}) {
    this.calls = options.calls ?? new CallLog();
    this.script = new FakeProperties(this.calls, 'script');
    this.document = options.hasContainer === false ? null : new FakeProperties(this.calls, 'document');
    this.user = new FakeProperties(this.calls, 'user');
  }

  getScriptProperties(): FakeProperties {
    this.calls.record('PropertiesService.getScriptProperties');
    return this.script;
  }

  getDocumentProperties(): FakeProperties | null {
    this.calls.record('PropertiesService.getDocumentProperties');
    return this.document;
  }

  getUserProperties(): FakeProperties {
    this.calls.record('PropertiesService.getUserProperties');
    return this.user;
  }
}

export function asPropertiesService(
  fake: FakePropertiesService,
): GoogleAppsScript.Properties.PropertiesService {
  return fake as unknown as GoogleAppsScript.Properties.PropertiesService;
}

export function asProperties(fake: FakeProperties): GoogleAppsScript.Properties.Properties {
  return fake as unknown as GoogleAppsScript.Properties.Properties;
}
