import { mayCall } from './auth.guard';

describe('mayCall', () => {
  it('lets any principal through when the route names no roles', () => {
    expect(mayCall(undefined, ['newsroom'])).toBe(true);
  });

  it('lets admin through everywhere', () => {
    expect(mayCall([], ['admin'])).toBe(true);
    expect(mayCall(['newsroom'], ['admin'])).toBe(true);
  });

  it('needs one of the listed roles otherwise', () => {
    expect(mayCall(['editor'], ['editor'])).toBe(true);
    expect(mayCall(['editor'], ['fact_checker', 'editor'])).toBe(true);
    expect(mayCall(['editor'], ['fact_checker'])).toBe(false);
    expect(mayCall([], ['editor'])).toBe(false);
    expect(mayCall(['editor', 'fact_checker'], ['newsroom'])).toBe(false);
    expect(mayCall(['editor'], [])).toBe(false);
  });
});
