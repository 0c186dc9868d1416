import { WORKFLOW, WORKFLOW_ACTIONS } from '@claimdesk/workflow';
import { describeAction } from './action-docs';

describe('describeAction', () => {
  it.each(WORKFLOW_ACTIONS)('documents %s from its row of the table', (action) => {
    const rule = WORKFLOW[action];
    const { summary, description } = describeAction(action);
    expect(summary).toBe(rule.summary);
    expect(description.startsWith(rule.description)).toBe(true);
    for (const status of [...rule.from, rule.to]) expect(description).toContain(`\`${status}\``);
    expect(description).toContain('409');
  });

  it('states the person rules only where the table has them', () => {
    expect(describeAction('start').description).toContain('assignee');
    expect(describeAction('submit').description).toContain('assignee');
    expect(describeAction('publish').description).toContain('four-eyes');
    expect(describeAction('triage').description).not.toMatch(/assignee may|four-eyes/);
  });
});
