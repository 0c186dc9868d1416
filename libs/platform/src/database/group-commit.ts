import { AsyncResource } from 'node:async_hooks';

/**
 * Writes many small records with few statements: the items added while one write runs are written
 * together by the next (a group commit), at most `maxItems` per write, so a burst costs one statement
 * per few dozen items and a lone item is written at once. Each caller waits for its own item: the
 * promise settles with that item's answer once its write has committed, or with the write's error.
 *
 * `write` gets the items in the order they were added and answers one result per item, in that order.
 * It runs in the async context the GroupCommit was made in, never in a caller's: a group holds other
 * callers' items, so it must not join the transaction (or any other async-local state) of whichever
 * caller happened to start it.
 */
export class GroupCommit<Item, Result> {
  private waiting: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private writing = false;
  private readonly scheduleWrite = AsyncResource.bind(() => setImmediate(() => void this.writeAll()));

  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly maxItems: number,
  ) {}

  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // Items added in the same turn of the event loop go together.
      if (!this.writing) {
        this.writing = true;
        this.scheduleWrite();
      }
    });
  }

  private async writeAll(): Promise<void> {
    while (this.waiting.length) {
      const group = this.waiting.splice(0, this.maxItems);
      try {
        const results = await this.write(group.map((each) => each.item));
        group.forEach((each, index) => each.resolve(results[index]));
      } catch (error) {
        for (const { reject } of group) reject(error);
      }
    }
    this.writing = false;
  }
}
