/**
 * `RefCountHeap`: a reference-counting memory manager, the way CPython frees objects.
 *
 * Every object carries a count of the references to it. `incref` adds one,
 * `decref` removes one, and at zero the object is freed at once, which drops its
 * own references to other objects (and may free them too, in a cascade).
 * Counts are updated all the time from every thread, which is why CPython
 * protects them with the GIL.
 *
 * Two objects that refer to each other never reach zero: a cycle leaks.
 * `leaked()` finds such objects the way CPython's cycle collector (`gc`) does:
 * subtract the references objects hold to each other; whatever still has a
 * count left is referenced from outside (a variable); everything those reach is
 * alive, the rest is garbage. V8, by contrast, keeps no counts at all: its
 * tracing collector starts from the roots and frees whatever it cannot reach,
 * so cycles are no problem there.
 *
 * @module
 */

interface HeapObject {
  count: number;
  refs: string[];
}

/** A snapshot of one live object. */
export interface HeapObjectInfo {
  /** The object's name. */
  name: string;
  /** Its reference count. */
  count: number;
  /** Names of the objects it references, in the order they were linked. */
  refs: string[];
}

/**
 * A heap of named objects managed by reference counting, with a log of every step.
 *
 * @example
 * ```ts
 * import { RefCountHeap } from "@course/lib/scheduler/mod.ts";
 * const heap = new RefCountHeap();
 * heap.create("list");          // a variable refers to it: count 1
 * heap.create("item");
 * heap.link("list", "item");    // the list refers to the item: count 2
 * heap.decref("item");          // the variable goes away: count 1
 * heap.decref("list");          // count 0: freed, and so is the item
 * console.log(heap.log.at(-1)); // "free item"
 * ```
 */
export class RefCountHeap {
  readonly #objects = new Map<string, HeapObject>();
  readonly #log: string[] = [];

  /** Every step so far, e.g. `"incref a (count 2)"`, `"free a"`. */
  get log(): readonly string[] {
    return this.#log;
  }

  /**
   * Creates an object with count 1: the one reference held by whoever created it.
   *
   * @param name A name not used by a live object.
   * @returns The name, for chaining into `link`.
   */
  create(name: string): string {
    if (this.#objects.has(name)) throw new Error(`create ${name}: already alive`);
    this.#objects.set(name, { count: 1, refs: [] });
    this.#log.push(`create ${name} (count 1)`);
    return name;
  }

  /**
   * Adds a reference to an object.
   *
   * @param name A live object.
   * @returns Its new count.
   */
  incref(name: string): number {
    const obj = this.#get(name, "incref");
    obj.count++;
    this.#log.push(`incref ${name} (count ${obj.count})`);
    return obj.count;
  }

  /**
   * Removes a reference; at zero the object is freed and drops its own references.
   *
   * @param name A live object.
   * @returns Its new count (0 means it was freed).
   */
  decref(name: string): number {
    const obj = this.#get(name, "decref");
    obj.count--;
    this.#log.push(`decref ${name} (count ${obj.count})`);
    if (obj.count === 0) {
      this.#objects.delete(name);
      this.#log.push(`free ${name}`);
      // Freeing an object drops what it referenced: the cascade.
      for (const ref of obj.refs) this.decref(ref);
    }
    return obj.count;
  }

  /**
   * Makes `from` reference `to` (for example, appends `to` to the list `from`): increfs `to`.
   *
   * @param from The referring object.
   * @param to The referenced object.
   * @returns The new count of `to`.
   */
  link(from: string, to: string): number {
    const source = this.#get(from, "link");
    this.#get(to, "link"); // check before changing anything
    source.refs.push(to);
    this.#log.push(`link ${from} -> ${to}`);
    return this.incref(to);
  }

  /**
   * Drops one reference from `from` to `to`: decrefs `to`.
   *
   * @param from The referring object.
   * @param to The referenced object.
   * @returns The new count of `to`.
   */
  unlink(from: string, to: string): number {
    const refs = this.#get(from, "unlink").refs;
    const at = refs.indexOf(to);
    if (at < 0) throw new Error(`unlink ${from} -> ${to}: ${from} does not reference ${to}`);
    refs.splice(at, 1);
    this.#log.push(`unlink ${from} -> ${to}`);
    return this.decref(to);
  }

  /**
   * Whether an object is still alive (not freed).
   *
   * @param name The object's name.
   * @returns True when alive.
   */
  isAlive(name: string): boolean {
    return this.#objects.has(name);
  }

  /**
   * A live object's reference count.
   *
   * @param name A live object.
   * @returns Its count.
   */
  count(name: string): number {
    return this.#get(name, "count").count;
  }

  /**
   * A snapshot of every live object, in creation order.
   *
   * @returns Names, counts and references.
   */
  objects(): HeapObjectInfo[] {
    return [...this.#objects].map(([name, o]) => ({ name, count: o.count, refs: [...o.refs] }));
  }

  /**
   * Live objects that nothing outside the heap can reach: leaked cycles.
   * Found like CPython's `gc`: subtract internal references; what keeps a count
   * is held from outside; everything reachable from those is alive.
   *
   * @returns Names of leaked objects, in creation order.
   */
  leaked(): string[] {
    const outside = new Map([...this.#objects].map(([name, o]) => [name, o.count]));
    for (const o of this.#objects.values()) {
      for (const ref of o.refs) outside.set(ref, outside.get(ref)! - 1);
    }
    const reachable = new Set<string>();
    const visit = (name: string) => {
      if (reachable.has(name)) return;
      reachable.add(name);
      for (const ref of this.#objects.get(name)!.refs) visit(ref);
    };
    for (const [name, count] of outside) if (count > 0) visit(name);
    return [...this.#objects.keys()].filter((name) => !reachable.has(name));
  }

  /**
   * Frees every leaked object, as `gc.collect()` does: breaks their references
   * to each other and lets the counts fall to zero.
   *
   * @returns Names of the objects freed.
   */
  collectCycles(): string[] {
    const garbage = this.leaked();
    this.#log.push(`collect cycles: ${garbage.join(", ") || "nothing"}`);
    for (const name of garbage) {
      const obj = this.#objects.get(name);
      if (!obj) continue; // already freed by the cascade
      for (const ref of [...obj.refs]) {
        if (garbage.includes(ref) && this.isAlive(name)) this.unlink(name, ref);
      }
    }
    return garbage;
  }

  #get(name: string, op: string): HeapObject {
    const obj = this.#objects.get(name);
    if (!obj) {
      throw new Error(`${op} ${name}: no live object named ${name} (freed or never created)`);
    }
    return obj;
  }
}
