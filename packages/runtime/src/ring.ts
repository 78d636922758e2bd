/**
 * A fixed-capacity FIFO. Pushing into a full ring evicts and returns the oldest
 * item, so the caller can count it: memory is bounded by the capacity, whatever
 * the caller does.
 */
export class Ring<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  size = 0;

  constructor(readonly capacity: number) {}

  /** Appends; returns the evicted oldest item when the ring was full. */
  push(item: T): T | undefined {
    let evicted: T | undefined;
    if (this.size === this.capacity) {
      evicted = this.items[this.head];
      this.items[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.size--;
    }
    this.items[(this.head + this.size) % this.capacity] = item;
    this.size++;
    return evicted;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    return item;
  }

  /** Every item, oldest first, without removing any. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.items[(this.head + i) % this.capacity] as T);
    return out;
  }

  /** Removes and returns up to n items, oldest first. */
  take(n: number): T[] {
    const out: T[] = [];
    while (out.length < n && this.size > 0) out.push(this.shift() as T);
    return out;
  }
}
