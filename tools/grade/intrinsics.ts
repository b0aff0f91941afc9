/**
 * Keeps the learner's code from patching what the checks rely on, inside the
 * grading sandbox: the built-ins (`Promise.race`, `Array.prototype.find`,
 * `JSON.stringify`, ...) are made read-only before the learner's code runs,
 * and a snapshot of every built-in's own properties is compared afterwards,
 * so that an added hook (`Object.prototype.toJSON`, `Object.prototype.then`)
 * or a replaced global is seen too.
 *
 * Names that ordinary code assigns on its own objects (`toString`, `name`,
 * `message`, `constructor`, ...) stay writable: making them read-only on a
 * prototype would make `this.name = "MyError"` throw in every subclass. The
 * snapshot still sees them changed on the built-in itself.
 *
 * @module
 */

/** Properties that ordinary code assigns on instances; left writable, but watched. */
const ASSIGNED_ON_INSTANCES = new Set<PropertyKey>([
  "constructor",
  "toString",
  "toLocaleString",
  "valueOf",
  "toJSON",
  "name",
  "message",
  "stack",
  "cause",
  "length",
  "prototype",
  "caller",
  "arguments",
  "stackTraceLimit",
  "prepareStackTrace",
  "captureStackTrace",
  Symbol.toStringTag,
]);

/**
 * The global bindings of the language's built-ins. Deno's web APIs (`setTimeout`,
 * `queueMicrotask`, ...) are left out: Deno itself redefines some of them at run time.
 */
const GLOBAL_NAMES = [
  "Object",
  "Function",
  "Array",
  "Number",
  "Boolean",
  "String",
  "Symbol",
  "BigInt",
  "Promise",
  "RegExp",
  "Date",
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
  "AggregateError",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "JSON",
  "Math",
  "Reflect",
  "Proxy",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "Iterator",
  "isNaN",
  "isFinite",
  "parseInt",
  "parseFloat",
] as const;

type Described = { owner: string; target: object };

/** Every built-in object whose own properties the checks may use, with a name for messages. */
function builtins(): Described[] {
  const g = globalThis as unknown as Record<string, unknown>;
  const out: Described[] = [];
  const add = (owner: string, target: unknown) => {
    if ((typeof target === "object" || typeof target === "function") && target !== null) {
      if (!out.some((d) => d.target === target)) out.push({ owner, target });
    }
  };
  for (const name of GLOBAL_NAMES) {
    const value = g[name];
    add(name, value);
    if (typeof value === "function") add(`${name}.prototype`, value.prototype);
  }
  function* gen() {}
  async function* agen() {}
  const proto = Object.getPrototypeOf;
  add("%GeneratorFunction.prototype%", proto(gen));
  add("%GeneratorPrototype%", proto(gen.prototype));
  add("%AsyncGeneratorPrototype%", proto(agen.prototype));
  add("%AsyncFunction.prototype%", proto(async function () {}));
  add("%IteratorPrototype%", proto(proto([][Symbol.iterator]())));
  add("%ArrayIteratorPrototype%", proto([][Symbol.iterator]()));
  add("%MapIteratorPrototype%", proto(new Map()[Symbol.iterator]()));
  add("%SetIteratorPrototype%", proto(new Set()[Symbol.iterator]()));
  add("%StringIteratorPrototype%", proto(""[Symbol.iterator]()));
  add("%TypedArray%", proto(Uint8Array));
  add("%TypedArray%.prototype", proto(Uint8Array.prototype));
  return out;
}

function keyName(key: PropertyKey): string {
  return typeof key === "symbol" ? `[${key.description}]` : `.${key}`;
}

/** A record of the built-ins' own properties, to compare with later. */
export interface IntrinsicsSnapshot {
  /** Finds what changed since the snapshot. */
  changes(): string[];
}

/**
 * The prototypes of a module's exported classes (`EventLoop.prototype`, ...):
 * the checks call their methods too, so they are watched like the built-ins.
 *
 * @param namespace A module namespace, such as `@course/lib`'s.
 * @returns The prototypes, named for messages.
 */
function classPrototypes(namespace: Record<string, unknown>): Described[] {
  return Object.entries(namespace).flatMap(([name, value]) => {
    const proto = typeof value === "function" ? (value as { prototype?: unknown }).prototype : null;
    return typeof proto === "object" && proto !== null
      ? [{ owner: `${name}.prototype`, target: proto }]
      : [];
  });
}

/**
 * Records every built-in's own property descriptors, the global bindings of
 * {@linkcode GLOBAL_NAMES}, and the prototypes of the library's exported classes.
 *
 * @param library The course library's module namespace, whose classes the checks use.
 * @returns A snapshot whose `changes()` lists what differs now, such as
 *   `Array.prototype.find`, `Object.prototype.toJSON` or `EventLoop.prototype.time`.
 */
export function snapshotIntrinsics(library: Record<string, unknown> = {}): IntrinsicsSnapshot {
  // Captured now: the comparison must not use anything the learner could have replaced.
  const ownKeys = Reflect.ownKeys;
  const describe = Reflect.getOwnPropertyDescriptor;
  const is = Object.is; // NaN is NaN
  const recorded = [...builtins(), ...classPrototypes(library)].map(({ owner, target }) => {
    const descriptors = new Map<string | symbol, PropertyDescriptor>();
    for (const key of ownKeys(target)) descriptors.set(key, describe(target, key)!);
    return { owner, target, descriptors };
  });
  const globals = new Map(GLOBAL_NAMES.map((n) => [n, describe(globalThis, n)]));
  const same = (a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined) =>
    a === b ||
    (!!a && !!b && is(a.value, b.value) && a.get === b.get && a.set === b.set &&
      a.writable === b.writable);
  return {
    changes() {
      const found: string[] = [];
      for (const [name, before] of globals) {
        if (!same(before, describe(globalThis, name))) found.push(`globalThis.${name}`);
      }
      for (const { owner, target, descriptors } of recorded) {
        const keys = ownKeys(target);
        for (const key of keys) {
          if (!same(descriptors.get(key), describe(target, key))) {
            found.push(`${owner}${keyName(key)}`);
          }
        }
        for (const key of descriptors.keys()) {
          if (!keys.includes(key)) found.push(`${owner}${keyName(key)} (deleted)`);
        }
      }
      return found;
    },
  };
}

/**
 * Makes the built-ins' methods and the global bindings of the language's
 * built-ins read-only and non-configurable, except the names ordinary code
 * assigns on its own objects. After this, `Array.prototype.find = ...` throws
 * a `TypeError` in the learner's (strict) module code.
 */
export function hardenIntrinsics(): void {
  for (const { target } of builtins()) {
    for (const key of Reflect.ownKeys(target)) {
      if (ASSIGNED_ON_INSTANCES.has(key)) continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key)!;
      if (!descriptor.configurable) continue;
      if ("value" in descriptor) {
        Object.defineProperty(target, key, { writable: false, configurable: false });
      } else Object.defineProperty(target, key, { configurable: false });
    }
  }
  for (const name of GLOBAL_NAMES) {
    const descriptor = Reflect.getOwnPropertyDescriptor(globalThis, name);
    if (descriptor?.configurable && "value" in descriptor) {
      Object.defineProperty(globalThis, name, { writable: false, configurable: false });
    }
  }
}
