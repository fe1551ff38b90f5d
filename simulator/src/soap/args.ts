import type { XmlObject, XmlValue } from './parseEnvelope.js';
import { SoapFault } from './SoapFault.js';

/**
 * Readers for operation arguments of a parsed SOAP request. Each one validates the XML Schema
 * lexical form of its type and throws an `INVALID_ARGUMENT` SoapFault naming the element.
 */

const INT = /^[+-]?\d{1,10}$/;
const DOUBLE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function invalid(name: string, rule: string): SoapFault {
  return new SoapFault('INVALID_ARGUMENT', `Invalid argument ${name}: ${rule}`);
}

function own(obj: XmlObject, name: string): XmlValue | undefined {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

function single(obj: XmlObject, name: string): string | undefined {
  const value = own(obj, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(name, 'expected one text value');
  return value;
}

function toInt(text: string, name: string): number {
  const n = Number(text);
  if (!INT.test(text) || n < -2147483648 || n > 2147483647)
    throw invalid(name, 'expected an xs:int');
  return n;
}

/** A nested element (`<filter>…</filter>`); an empty element reads as no children. */
export function optionalObject(obj: XmlObject, name: string): XmlObject | undefined {
  const value = own(obj, name);
  if (value === undefined || value === '') return value === '' ? {} : undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid(name, 'expected one element');
  return value;
}

export function optionalInt(obj: XmlObject, name: string): number | undefined {
  const text = single(obj, name);
  return text === undefined ? undefined : toInt(text, name);
}

export function requiredInt(obj: XmlObject, name: string): number {
  const value = optionalInt(obj, name);
  if (value === undefined) throw invalid(name, 'required');
  return value;
}

/** An xs:double; INF and NaN are refused (no schedule range can use them). */
export function requiredDouble(obj: XmlObject, name: string): number {
  const text = single(obj, name);
  if (text === undefined) throw invalid(name, 'required');
  if (!DOUBLE.test(text)) throw invalid(name, 'expected a finite xs:double');
  return Number(text);
}

export function optionalString(obj: XmlObject, name: string): string | undefined {
  return single(obj, name);
}

export function requiredString(obj: XmlObject, name: string): string {
  const value = single(obj, name);
  if (value === undefined || value === '') throw invalid(name, 'required');
  return value;
}

/** One of `allowed`, or undefined when absent. */
export function optionalEnum<T extends string>(
  obj: XmlObject,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const text = single(obj, name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text))
    throw invalid(name, `expected one of ${allowed.join(', ')}`);
  return text as T;
}

/**
 * A repeated xs:int element (`<wmSiteId>1</wmSiteId><wmSiteId>2</wmSiteId>`); when the matching
 * `<name>NSizeIs` count is present it must equal the number of values.
 */
export function intList(obj: XmlObject, name: string): number[] {
  const value = own(obj, name);
  const texts = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const values = texts.map((text) => {
    if (typeof text !== 'string') throw invalid(name, 'expected xs:int values');
    return toInt(text, name);
  });
  const count = optionalInt(obj, `${name}NSizeIs`);
  if (count !== undefined && count !== values.length) {
    throw invalid(`${name}NSizeIs`, `is ${count} but ${values.length} values were sent`);
  }
  return values;
}
