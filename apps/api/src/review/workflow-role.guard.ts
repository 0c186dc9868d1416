import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { mayCall } from '@claimdesk/auth';
import { ProblemException, RequestWithPrincipal, RouteMetadata } from '@claimdesk/platform';
import { ReviewActionsService } from '@claimdesk/review';
import { WORKFLOW, WorkflowAction } from '@claimdesk/workflow';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';

const WORKFLOW_ACTION = 'claimdesk:workflow-action';

/** Names the action a route takes, for `WorkflowRoleGuard`. */
export const WorkflowActionOf = (action: WorkflowAction) => SetMetadata(WORKFLOW_ACTION, action);

/**
 * The role check of the workflow routes, in place of the auth guard's: the same rule (the
 * action's roles, `admin` always), but a refusal carries the claim's `claimStatus` and the
 * caller's `allowedActions`, as every other workflow refusal does. It still runs before the body
 * is validated, so a caller without the role learns nothing from a 400.
 */
@Injectable()
export class WorkflowRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: RouteMetadata,
    private readonly actions: ReviewActionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<WorkflowAction | undefined>(WORKFLOW_ACTION, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    const principal = request.principal;
    if (!action || !principal) return false;
    const rule = WORKFLOW[action];
    if (mayCall(rule.roles, principal.roles)) return true;
    const id = (request.params as Record<string, unknown> | undefined)?.id;
    const refusal =
      typeof id === 'string' && isUUID(id) ? await this.actions.roleRefusal(action, id, principal) : null;
    throw refusal ?? new ProblemException(403, `${rule.slug} needs the role ${rule.roles.join(' or ')}.`);
  }
}
