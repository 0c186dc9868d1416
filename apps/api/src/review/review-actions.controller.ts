import { applyDecorators, Body, Controller, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClaimView } from '@claimdesk/claims';
import {
  ApiProblemResponse,
  CurrentPrincipal,
  DeferRoleRefusal,
  Idempotent,
  Principal,
  Roles,
  uuidParam,
} from '@claimdesk/platform';
import {
  AssignClaimDto,
  describeAction,
  DismissClaimDto,
  NoBodyDto,
  ReopenClaimDto,
  ReviewActionsService,
  SendBackDto,
  SubmitReviewDto,
  TriageClaimDto,
} from '@claimdesk/review';
import { WORKFLOW, WorkflowAction } from '@claimdesk/workflow';
import { WorkflowActionOf, WorkflowRoleGuard } from './workflow-role.guard';

/**
 * Everything about an action route that the workflow table knows: its path, who may call it
 * (the guard checks the role; the service checks status, assignee and four-eyes with `decide()`)
 * and its documentation. A rule changed in the table changes the route with it.
 */
const WorkflowRoute = (action: WorkflowAction) => {
  const rule = WORKFLOW[action];
  const docs = describeAction(action);
  return applyDecorators(
    Post(`:id/${rule.slug}`),
    Idempotent(),
    HttpCode(200),
    Roles(...rule.roles),
    // The role is checked by WorkflowRoleGuard, whose 403 carries the claim's status and allowed actions.
    DeferRoleRefusal(),
    WorkflowActionOf(action),
    UseGuards(WorkflowRoleGuard),
    ApiOperation({ summary: docs.summary, description: docs.description }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag from GET /v1/claims/:id; the action is refused with 412 if the claim changed since.',
    }),
    ApiOkResponse({
      type: ClaimView,
      description: 'The claim after the action, as `GET /v1/claims/{id}` shows it to the caller.',
      headers: { ETag: { description: 'The claim’s new version', schema: { type: 'string' } } },
    }),
    ApiProblemResponse(
      403,
      `${
        rule.guard === 'assignee'
          ? 'The caller’s role may not do this, or the caller is not the claim’s assignee.'
          : rule.guard === 'not_submitter'
            ? 'The caller’s role may not do this, or the caller submitted the review (four-eyes rule).'
            : 'The caller’s role may not do this.'
      } Carries \`claimStatus\` and \`allowedActions\` when the claim exists.`,
    ),
    ApiProblemResponse(404, 'No claim has this id.'),
    ApiProblemResponse(
      409,
      'The claim’s status does not allow this action; `allowedActions` lists what does.',
    ),
    ApiProblemResponse(412, 'If-Match does not match the claim’s current version.'),
  );
};

/** `POST /v1/claims/:id/<action>`: the review workflow, one route per row of the table. */
@ApiTags('review workflow')
@ApiBearerAuth()
@Controller('v1/claims')
export class ReviewActionsController {
  constructor(private readonly actions: ReviewActionsService) {}

  @WorkflowRoute('triage')
  triage(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: TriageClaimDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.triage(id, body, ifMatch, principal);
  }

  @WorkflowRoute('dismiss')
  dismiss(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: DismissClaimDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.dismiss(id, body, ifMatch, principal);
  }

  @WorkflowRoute('assign')
  assign(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignClaimDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.assign(id, body, ifMatch, principal);
  }

  @WorkflowRoute('start')
  start(
    @Param('id', uuidParam('id')) id: string,
    @Body() _body: NoBodyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.start(id, ifMatch, principal);
  }

  @WorkflowRoute('submit')
  submit(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SubmitReviewDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.submit(id, body, ifMatch, principal);
  }

  @WorkflowRoute('send_back')
  sendBack(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SendBackDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.sendBack(id, body, ifMatch, principal);
  }

  @WorkflowRoute('publish')
  publish(
    @Param('id', uuidParam('id')) id: string,
    @Body() _body: NoBodyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.publish(id, ifMatch, principal);
  }

  @WorkflowRoute('reopen')
  reopen(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReopenClaimDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClaimView> {
    return this.actions.reopen(id, body, ifMatch, principal);
  }
}
