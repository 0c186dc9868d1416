import { AsyncLocalStorage } from 'node:async_hooks';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes the items added in one turn together and answers each with its own result', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      writes.push([...items]);
      return items.map((item) => item * 10);
    }, 100);
    const answers = await Promise.all([1, 2, 3].map((item) => commit.add(item)));
    expect(answers).toEqual([10, 20, 30]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('writes what arrives during a write in the next one, at most maxItems at a time', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit<number, number>(async (items) => {
      writes.push([...items]);
      if (writes.length === 1) await first;
      return items;
    }, 2);
    const a = commit.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((item) => commit.add(item));
    release();
    expect(await Promise.all([a, ...later])).toEqual([1, 2, 3, 4]);
    expect(writes).toEqual([[1], [2, 3], [4]]);
  });

  it('rejects every item of a failed write and goes on with the next', async () => {
    let calls = 0;
    const commit = new GroupCommit<string, string>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('write failed');
      return items;
    }, 10);
    const failed = await Promise.allSettled([commit.add('a'), commit.add('b')]);
    expect(failed.map((each) => each.status)).toEqual(['rejected', 'rejected']);
    await expect(commit.add('c')).resolves.toBe('c');
  });

  it('writes outside the async context of the caller that started the group', async () => {
    const ambient = new AsyncLocalStorage<string>();
    const seenByWrite: (string | undefined)[] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      seenByWrite.push(ambient.getStore());
      return items;
    }, 10);
    const answers = await Promise.all([
      ambient.run('first caller', () => commit.add(1)),
      ambient.run('second caller', () => commit.add(2)),
    ]);
    const afterAwait = await ambient.run('caller', async () => {
      await commit.add(3);
      return ambient.getStore();
    });
    expect(answers).toEqual([1, 2]);
    expect(seenByWrite).toEqual([undefined, undefined]);
    expect(afterAwait).toBe('caller');
  });
});
