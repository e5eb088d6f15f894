/**
 * At most one run per key at a time, and at most one waiting behind it: a burst of pushes and
 * commands for one repository becomes the run in flight plus one more, which sees all of them.
 */

interface Slot<T> {
  current: Promise<T>;
  next?: Promise<T>;
}

export class Coalescer<T> {
  private readonly slots = new Map<string, Slot<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(key);
    if (!slot) {
      const current = this.track(key, work);
      this.slots.set(key, { current });
      return current;
    }
    if (slot.next) return slot.next;
    const next = slot.current.then(
      () => this.promote(key, work),
      () => this.promote(key, work),
    );
    slot.next = next;
    return next;
  }

  /** Every run in flight or waiting. */
  pending(): Promise<unknown>[] {
    return [...this.slots.values()].flatMap((slot) => (slot.next ? [slot.current, slot.next] : [slot.current]));
  }

  private promote(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.track(key, work);
    this.slots.set(key, { current });
    return current;
  }

  private track(key: string, work: () => Promise<T>): Promise<T> {
    const promise = work().finally(() => {
      if (this.slots.get(key)?.current === promise && !this.slots.get(key)?.next) this.slots.delete(key);
    });
    return promise;
  }
}
