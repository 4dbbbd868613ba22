/**
 * Chai's `expect`, `assert` and `should` as declaration text (global
 * namespace `Chai`, and the `chai` module). Vitest re-exports `assert`.
 */
export const CHAI_DECLARATIONS = `
declare namespace Chai {
  type ErrorLike = Error | (new (...args: any[]) => Error) | string | RegExp;
  interface Assertion {
    readonly to: Assertion;
    readonly be: Assertion;
    readonly been: Assertion;
    readonly is: Assertion;
    readonly that: Assertion;
    readonly which: Assertion;
    readonly and: Assertion;
    readonly has: Assertion;
    readonly have: Assertion;
    readonly with: Assertion;
    readonly at: Assertion;
    readonly of: Assertion;
    readonly same: Assertion;
    readonly but: Assertion;
    readonly does: Assertion;
    readonly still: Assertion;
    readonly also: Assertion;
    readonly not: Assertion;
    readonly deep: Assertion;
    readonly nested: Assertion;
    readonly own: Assertion;
    readonly ordered: Assertion;
    readonly any: Assertion;
    readonly all: Assertion;
    readonly itself: Assertion;
    readonly ok: Assertion;
    readonly true: Assertion;
    readonly false: Assertion;
    readonly null: Assertion;
    readonly undefined: Assertion;
    readonly NaN: Assertion;
    readonly exist: Assertion;
    readonly empty: Assertion;
    readonly arguments: Assertion;
    readonly extensible: Assertion;
    readonly sealed: Assertion;
    readonly frozen: Assertion;
    readonly finite: Assertion;
    readonly a: Assertion & ((type: string, message?: string) => Assertion);
    readonly an: Assertion & ((type: string, message?: string) => Assertion);
    readonly include: Assertion & ((value: unknown, message?: string) => Assertion);
    readonly includes: Assertion & ((value: unknown, message?: string) => Assertion);
    readonly contain: Assertion & ((value: unknown, message?: string) => Assertion);
    readonly contains: Assertion & ((value: unknown, message?: string) => Assertion);
    readonly length: Assertion & ((length: number, message?: string) => Assertion);
    readonly lengthOf: Assertion & ((length: number, message?: string) => Assertion);
    equal(value: unknown, message?: string): Assertion;
    equals(value: unknown, message?: string): Assertion;
    eq(value: unknown, message?: string): Assertion;
    eql(value: unknown, message?: string): Assertion;
    eqls(value: unknown, message?: string): Assertion;
    above(value: number | Date, message?: string): Assertion;
    gt(value: number | Date, message?: string): Assertion;
    greaterThan(value: number | Date, message?: string): Assertion;
    least(value: number | Date, message?: string): Assertion;
    gte(value: number | Date, message?: string): Assertion;
    greaterThanOrEqual(value: number | Date, message?: string): Assertion;
    below(value: number | Date, message?: string): Assertion;
    lt(value: number | Date, message?: string): Assertion;
    lessThan(value: number | Date, message?: string): Assertion;
    most(value: number | Date, message?: string): Assertion;
    lte(value: number | Date, message?: string): Assertion;
    lessThanOrEqual(value: number | Date, message?: string): Assertion;
    within(start: number | Date, finish: number | Date, message?: string): Assertion;
    instanceof(constructor: unknown, message?: string): Assertion;
    instanceOf(constructor: unknown, message?: string): Assertion;
    property(name: string | symbol, value?: unknown, message?: string): Assertion;
    ownProperty(name: string | symbol, value?: unknown, message?: string): Assertion;
    haveOwnProperty(name: string | symbol, value?: unknown, message?: string): Assertion;
    ownPropertyDescriptor(name: string | symbol, descriptor?: PropertyDescriptor, message?: string): Assertion;
    match(pattern: RegExp, message?: string): Assertion;
    matches(pattern: RegExp, message?: string): Assertion;
    string(text: string, message?: string): Assertion;
    keys(...keys: any[]): Assertion;
    key(...keys: any[]): Assertion;
    throw(expected?: ErrorLike, message?: string | RegExp): Assertion;
    throws(expected?: ErrorLike, message?: string | RegExp): Assertion;
    Throw(expected?: ErrorLike, message?: string | RegExp): Assertion;
    respondTo(method: string, message?: string): Assertion;
    respondsTo(method: string, message?: string): Assertion;
    satisfy(matcher: (value: any) => boolean, message?: string): Assertion;
    satisfies(matcher: (value: any) => boolean, message?: string): Assertion;
    closeTo(expected: number, delta: number, message?: string): Assertion;
    approximately(expected: number, delta: number, message?: string): Assertion;
    members(set: readonly unknown[], message?: string): Assertion;
    oneOf(list: readonly unknown[], message?: string): Assertion;
    change(target: unknown, property?: string, message?: string): Assertion;
    changes(target: unknown, property?: string, message?: string): Assertion;
    increase(target: unknown, property?: string, message?: string): Assertion;
    increases(target: unknown, property?: string, message?: string): Assertion;
    decrease(target: unknown, property?: string, message?: string): Assertion;
    decreases(target: unknown, property?: string, message?: string): Assertion;
    by(delta: number, message?: string): Assertion;
    fail(message?: string): never;
  }
  interface ExpectStatic {
    (value: unknown, message?: string): Assertion;
    fail(message?: string): never;
    fail(actual: unknown, expected: unknown, message?: string, operator?: string): never;
  }
  type AssertMethod = (...args: any[]) => any;
  type AssertMethodName =
    | "fail" | "isOk" | "ok" | "isNotOk" | "notOk" | "equal" | "notEqual" | "strictEqual" | "notStrictEqual"
    | "deepEqual" | "deepStrictEqual" | "notDeepEqual" | "isAbove" | "isAtLeast" | "isBelow" | "isAtMost"
    | "isTrue" | "isNotTrue" | "isFalse" | "isNotFalse" | "isNull" | "isNotNull" | "isNaN" | "isNotNaN"
    | "exists" | "notExists" | "isUndefined" | "isDefined" | "isFunction" | "isNotFunction" | "isObject"
    | "isNotObject" | "isArray" | "isNotArray" | "isString" | "isNotString" | "isNumber" | "isNotNumber"
    | "isFinite" | "isBoolean" | "isNotBoolean" | "typeOf" | "notTypeOf" | "instanceOf" | "notInstanceOf"
    | "include" | "notInclude" | "deepInclude" | "notDeepInclude" | "nestedInclude" | "ownInclude"
    | "match" | "notMatch" | "property" | "notProperty" | "propertyVal" | "notPropertyVal" | "deepPropertyVal"
    | "nestedProperty" | "nestedPropertyVal" | "lengthOf" | "hasAnyKeys" | "hasAllKeys" | "containsAllKeys"
    | "doesNotHaveAnyKeys" | "doesNotHaveAllKeys" | "throws" | "throw" | "Throw" | "doesNotThrow" | "operator"
    | "closeTo" | "approximately" | "sameMembers" | "notSameMembers" | "sameDeepMembers" | "sameOrderedMembers"
    | "includeMembers" | "notIncludeMembers" | "includeDeepMembers" | "oneOf" | "isEmpty" | "isNotEmpty"
    | "changes" | "doesNotChange" | "increases" | "doesNotIncrease" | "decreases" | "doesNotDecrease"
    | "isExtensible" | "isNotExtensible" | "isSealed" | "isNotSealed" | "isFrozen" | "isNotFrozen" | "ifError";
  type AssertMethods = { readonly [K in AssertMethodName]: AssertMethod };
  interface AssertStatic extends AssertMethods {
    (expression: unknown, message?: string): void;
  }
}
declare module "chai" {
  export const expect: Chai.ExpectStatic;
  export const assert: Chai.AssertStatic;
  export function should(): void;
  export function use(plugin: (chai: any, utils: any) => void): any;
  export const config: { includeStack: boolean; showDiff: boolean; truncateThreshold: number };
  export class AssertionError extends Error {}
}
`;
