import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, TooManyRequests, type FieldProblem } from '../shared/errors.ts';

const TYPE_BASE = 'https://warroom.dev/problems/';

export interface Problem { type: string; title: string; status: number; detail?: string; instance?: string; errors?: FieldProblem[] }

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** RFC 9457 problem+json for every error; no stack traces leave the server. */
export function problemHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => ({ field: fieldName(where, v.instancePath, v.params), message: v.message ?? 'invalid' }));
    return sendProblem(reply, { type: `${TYPE_BASE}validation`, title: 'Invalid request', status: 400, detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), instance: req.url, errors });
  }
  if (err instanceof AppError) {
    if (err instanceof TooManyRequests) reply.header('retry-after', String(err.retryAfterSeconds));
    return sendProblem(reply, { type: `${TYPE_BASE}${slug(err.title)}`, title: err.title, status: err.status, detail: err.detail, instance: req.url, ...(err.errors && { errors: err.errors }) });
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status >= 500) req.log.error({ err }, 'unhandled error');
  const detail = status >= 500 ? 'Something went wrong on the server; it has been logged' : err.message;
  return sendProblem(reply, { type: `${TYPE_BASE}${status >= 500 ? 'internal' : 'bad-request'}`, title: status >= 500 ? 'Internal error' : 'Bad request', status, detail, instance: req.url });
}

function fieldName(where: string, instancePath: string, params: unknown): string {
  const issue = (params as { issue?: { path?: (string | number)[] } })?.issue;
  const parts = issue?.path?.length ? issue.path.map(String) : instancePath.split('/').filter(Boolean);
  return parts.length ? parts.join('.') : where;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
