import type { components } from './schema';

export type ProblemBody = components['schemas']['Problem'] & Record<string, unknown>;

/** A problem+json answer from the API (or a lost connection, status 0), thrown by every call. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
  ) {
    super(body.detail ?? body.title);
  }

  /** The message for one field (`errors[].field`), so a form can show it beside that field. */
  fieldError(field: string): string | undefined {
    return this.body.errors?.find((error) => error.field === field || error.field.startsWith(`${field}.`))
      ?.message;
  }

  /** Field errors that no field on the form claimed, shown with the form's general message. */
  otherFieldErrors(known: readonly string[]): { field: string; message: string }[] {
    return (this.body.errors ?? []).filter(
      (error) => !known.some((field) => error.field === field || error.field.startsWith(`${field}.`)),
    );
  }
}

export function problemFrom(status: number, body: unknown): ApiProblem {
  if (body && typeof body === 'object' && 'title' in body) return new ApiProblem(status, body as ProblemBody);
  return new ApiProblem(status, { type: 'about:blank', title: `Request failed (${status})`, status });
}

export const connectionLost = () =>
  new ApiProblem(0, {
    type: 'about:blank',
    title: 'No connection to the server',
    status: 0,
    detail: 'Check your connection; nothing was saved.',
  });
