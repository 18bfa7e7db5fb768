// Errors a use case throws; the HTTP edge turns them into RFC 9457 problem+json and the CLI
// into one line each. Anything else is a bug: logged in full, answered as a bare 500.

export interface FieldProblem {
  field: string;
  message: string;
  /** The row already holding a value that must be unique (a 409), so a client can open it. */
  id?: number | string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail ?? title);
  }
  get detail(): string { return this.message; }
}

/** Missing and forbidden both answer this, so ids of other scopes cannot be probed. */
export class NotFound extends AppError {
  constructor(what = 'resource') { super(404, 'Not found', `No such ${what}, or it is outside your access`); }
}
export class Unauthorized extends AppError {
  constructor(detail = 'Sign in first') { super(401, 'Unauthorized', detail); }
}
export class Forbidden extends AppError {
  constructor(detail = 'Your role does not allow this') { super(403, 'Forbidden', detail); }
}
export class Conflict extends AppError {
  constructor(detail: string, errors?: FieldProblem[]) { super(409, 'Conflict', detail, errors); }
}
export class Invalid extends AppError {
  constructor(detail: string, errors?: FieldProblem[]) { super(400, 'Invalid request', detail, errors); }
}
export class TooManyRequests extends AppError {
  constructor(detail: string, readonly retryAfterSeconds: number) { super(429, 'Too many requests', detail); }
}
