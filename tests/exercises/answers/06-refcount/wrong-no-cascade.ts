// Frees at zero but forgets what the object referenced.
class RefCounter {
  counts = new Map<string, number>();
  refs = new Map<string, string[]>();
  freed: string[] = [];

  create(name: string): void {
    this.counts.set(name, 1);
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
    this.freed.push(name);
  }
}
