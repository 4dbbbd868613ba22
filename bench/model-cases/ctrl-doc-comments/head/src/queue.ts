/** First in, first out. */
export class Queue<T> {
  private readonly items: T[] = [];

  /** Adds `item` at the end. */
  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns the oldest item; undefined when the queue is empty. */
  shift(): T | undefined {
    return this.items.shift();
  }

  /** How many items wait. */
  get size(): number {
    return this.items.length;
  }
}
