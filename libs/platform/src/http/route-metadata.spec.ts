import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RouteMetadata } from './route-metadata';

@SetMetadata('audience', 'desk')
class ReportsController {
  @SetMetadata('audience', 'public')
  @SetMetadata('cached', false)
  list(): void {}

  detail(): void {}
}

const list = Object.getOwnPropertyDescriptor(ReportsController.prototype, 'list')?.value as () => void;
const detail = Object.getOwnPropertyDescriptor(ReportsController.prototype, 'detail')?.value as () => void;

describe('RouteMetadata', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers what Nest’s Reflector answers, handler before class', () => {
    const remembered = new RouteMetadata();
    const plain = new Reflector();
    for (const key of ['audience', 'cached', 'missing']) {
      for (const targets of [
        [list, ReportsController],
        [detail, ReportsController],
      ]) {
        expect(remembered.getAllAndOverride(key, targets)).toEqual(plain.getAllAndOverride(key, targets));
      }
    }
    expect(remembered.getAllAndOverride('audience', [list, ReportsController])).toBe('public');
    expect(remembered.getAllAndOverride('audience', [detail, ReportsController])).toBe('desk');
    expect(remembered.get('cached', list)).toBe(false);
  });

  it('reads each (key, target) from reflect-metadata once, absent values included', () => {
    const remembered = new RouteMetadata();
    const reads = jest.spyOn(Reflect, 'getMetadata');
    for (let request = 0; request < 5; request++) {
      remembered.getAllAndOverride('audience', [detail, ReportsController]);
      remembered.get('missing', list);
    }
    // audience on detail (absent) and on the class, missing on list: three distinct reads.
    expect(reads).toHaveBeenCalledTimes(3);
  });
});
