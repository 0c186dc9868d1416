import { effectivePreferences, emailStateFor } from './notification-preferences';

describe('notification preferences', () => {
  it('mails nobody who did not ask for it', () => {
    expect(effectivePreferences({})).toEqual({ email: false, mode: 'immediate', mute: [] });
    expect(effectivePreferences(null)).toEqual({ email: false, mode: 'immediate', mute: [] });
    expect(effectivePreferences({ email: 'yes', mode: 'weekly', mute: ['nope', 'claim.overdue'] })).toEqual({
      email: false,
      mode: 'immediate',
      mute: ['claim.overdue'],
    });
  });

  it('decides how each new notification is mailed', () => {
    const on = effectivePreferences({ email: true, mute: ['claim.evidence_added'] });
    expect(emailStateFor(on, 'claim.assigned', true)).toBe('queued');
    expect(emailStateFor(on, 'claim.evidence_added', true)).toBe('none');
    expect(emailStateFor(on, 'claim.assigned', false)).toBe('none');
    expect(emailStateFor({ ...on, mode: 'digest' }, 'claim.assigned', true)).toBe('digest');
    expect(emailStateFor({ ...on, email: false }, 'claim.assigned', true)).toBe('none');
  });

  it('lets a disabled-webhook notice be muted like any other type', () => {
    const muted = effectivePreferences({ email: true, mute: ['webhook.disabled'] });
    expect(muted.mute).toEqual(['webhook.disabled']);
    expect(emailStateFor(muted, 'webhook.disabled', true)).toBe('none');
    expect(emailStateFor(effectivePreferences({ email: true }), 'webhook.disabled', true)).toBe('queued');
  });
});
