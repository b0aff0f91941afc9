// A reference-counting heap: objects are names, references are links between names.
class RefCounter {
  counts = new Map<string, number>(); // live objects and their reference counts
  refs = new Map<string, string[]>(); // what each object references
  freed: string[] = []; // names, in the order they were freed

  create(name: string): void {
    this.counts.set(name, 1); // whoever created it holds one reference
    this.refs.set(name, []);
  }
  link(from: string, to: string): void {
    this.refs.get(from)!.push(to);
    this.incref(to);
  }
  incref(name: string): void {
    this.counts.set(name, this.counts.get(name)! + 1);
  }
  decref(name: string): void {
    const count = this.counts.get(name)! - 1;
    this.counts.set(name, count);
    if (count > 0) return;
    this.counts.delete(name);
    for (const ref of this.refs.get(name)!) this.decref(ref); // the cascade first
    this.refs.delete(name);
    this.freed.push(name); // then this object's own memory, as CPython's deallocators do
  }
}
