// Counts what Google counts: every call of a method of an Apps Script service object is a round
// trip, whichever service it belongs to (SpreadsheetApp, Sheets, FormApp, MailApp, ScriptApp,
// PropertiesService, LockService…). The meter wraps the globals the handlers get (and the event a
// trigger receives) in Proxies that count each call by `Class.method`, wrap every service object
// a call returns, and measure each Sheets API request and answer as the JSON Google would carry.
// `onCall` lets a test move a fake clock by a cost per call (time-budget tests).
import type { AppsScriptGlobals } from '../../src/gas/services';

export interface MeterReading {
  readonly total: number;
  readonly byMethod: Record<string, number>;
  /** Bytes sent by each `Spreadsheets.batchUpdate`, in call order. */
  readonly writeBytes: readonly number[];
  /** Bytes received by each `Spreadsheets.get`, in call order. */
  readonly readBytes: readonly number[];
}

/** Objects that are data, not services: passed through untouched. */
function isData(value: object): boolean {
  if (Array.isArray(value) || value instanceof Date || value instanceof Map || value instanceof Set)
    return true;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) return false;
  // A plain object is a service namespace (Sheets.Spreadsheets, FormApp.ItemType is data) when it has functions.
  return !Object.values(value).some((member) => typeof member === 'function');
}

function classNameOf(value: object, fallback: string): string {
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor
    ?.name;
  if (!name || name === 'Object') return fallback;
  return name.replace(/^Fake/, '');
}

export class ServiceMeter {
  private counts = new Map<string, number>();
  private writes: number[] = [];
  private reads: number[] = [];
  private readonly proxies = new WeakMap<object, object>();
  private readonly raw = new WeakMap<object, object>();

  constructor(private readonly onCall: (method: string) => void = () => undefined) {}

  reset(): void {
    this.counts = new Map();
    this.writes = [];
    this.reads = [];
  }

  reading(): MeterReading {
    const byMethod: Record<string, number> = {};
    [...this.counts.keys()].sort().forEach((key) => {
      byMethod[key] = this.counts.get(key) as number;
    });
    return {
      total: [...this.counts.values()].reduce((sum, count) => sum + count, 0),
      byMethod,
      writeBytes: [...this.writes],
      readBytes: [...this.reads],
    };
  }

  /** The globals, each service counted under its global name. */
  globals(globals: AppsScriptGlobals): AppsScriptGlobals {
    const wrapped: Record<string, unknown> = {};
    for (const [name, service] of Object.entries(globals)) {
      wrapped[name] = typeof service === 'object' && service !== null ? this.wrap(service, name) : service;
    }
    return wrapped as unknown as AppsScriptGlobals;
  }

  /** A trigger's event: its `response` (Forms) or `range` (Sheets) counted like the services. */
  event<T extends object | undefined>(event: T): T {
    if (!event) return event;
    const wrapped: Record<string, unknown> = { ...event };
    for (const [key, value] of Object.entries(event)) {
      if (typeof value === 'object' && value !== null && !isData(value)) wrapped[key] = this.wrap(value, key);
    }
    return wrapped as T;
  }

  private wrapResult(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      return value.map((element: unknown) =>
        typeof element === 'object' && element !== null && !isData(element)
          ? this.wrap(element, classNameOf(element, 'Object'))
          : element,
      );
    }
    return isData(value) ? value : this.wrap(value, classNameOf(value, 'Object'));
  }

  /** An argument passed back to a service: the service's own object, not the meter's Proxy. */
  private unwrap(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((element: unknown) => this.unwrap(element));
    return this.raw.get(value) ?? value;
  }

  private wrap<T extends object>(target: T, name: string): T {
    const existing = this.proxies.get(target);
    if (existing) return existing as T;
    const proxy = new Proxy(target, {
      get: (object, property, receiver) => {
        const member = Reflect.get(object, property, receiver) as unknown;
        if (typeof property === 'symbol') return member;
        if (typeof member === 'function') {
          const method = `${name}.${property}`;
          return (...args: unknown[]) => {
            this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
            this.onCall(method);
            if (method === 'Spreadsheets.batchUpdate')
              this.writes.push(Buffer.byteLength(JSON.stringify(args[0])));
            const result = (member as (...values: unknown[]) => unknown).apply(
              object,
              args.map((arg) => this.unwrap(arg)),
            );
            if (method === 'Spreadsheets.get') this.reads.push(Buffer.byteLength(JSON.stringify(result)));
            return this.wrapResult(result);
          };
        }
        if (typeof member === 'object' && member !== null && !isData(member)) {
          return this.wrap(member, property);
        }
        return member;
      },
    });
    this.proxies.set(target, proxy);
    this.raw.set(proxy, target);
    return proxy;
  }
}

/**
 * What one call costs on the clock, assumed for the time-budget tests (Google publishes no
 * figures): a message through MailApp about 1 s (a run sends about 265 in 270 s, issue 15); a
 * Sheets API request or a SpreadsheetApp read or write of a range 1.5 s and 0.5 s; any other call
 * (a FormApp getter, a property, the lock, a trigger) 10 ms.
 */
export function costOfCallMs(method: string): number {
  if (method === 'MailApp.sendEmail') return 1000;
  if (method.startsWith('Spreadsheets.')) return 1500;
  if (/^Range\.(get|set)(Values|DisplayValues|RichTextValues|NumberFormats)$/.test(method)) return 500;
  return 10;
}
