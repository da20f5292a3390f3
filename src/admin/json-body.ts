import type { Context } from 'hono';
import type { z } from 'zod';
import { firstIssue } from './account-input.js';
import { ADMIN_MESSAGES } from './admin-messages.js';

export type JsonBody<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: Response };

/** The request's JSON body checked against `schema`, or the 415/400 response (in Vietnamese) saying what is wrong. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<JsonBody<z.output<S>>> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    return { ok: false, response: c.json({ error: ADMIN_MESSAGES.notJson }, 415) };
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: c.json({ error: ADMIN_MESSAGES.malformedJson }, 400) };
  }
  const result = schema.safeParse(body);
  return result.success ? { ok: true, value: result.data } : { ok: false, response: c.json({ error: firstIssue(result.error) }, 400) };
}
