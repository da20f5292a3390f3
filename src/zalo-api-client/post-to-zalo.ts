import { ZaloApiError, ZaloHttpError } from './zalo-errors.js';
import { parseZaloJson } from './zalo-json.js';

export interface ZaloPost {
  readonly baseUrl: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/**
 * POSTs to a Zalo endpoint and returns the parsed answer object. Zalo reports failures inside an
 * HTTP 200 body (`error ≠ 0`), so the body is always checked: those become `ZaloApiError`; no
 * answer, a non-2xx status or a body that is not a JSON object become `ZaloHttpError`.
 */
export async function postToZalo(post: ZaloPost): Promise<Readonly<Record<string, unknown>>> {
  const url = post.baseUrl.replace(/\/+$/, '') + post.path;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: 'POST', headers: post.headers, body: post.body, signal: AbortSignal.timeout(post.timeoutMs) });
    text = await response.text();
  } catch (e) {
    throw new ZaloHttpError(e instanceof Error ? e.message : String(e), post.path);
  }
  if (!response.ok) throw new ZaloHttpError(`HTTP ${response.status}`, post.path, response.status);
  let json: unknown;
  try {
    json = parseZaloJson(text);
  } catch {
    throw new ZaloHttpError('answer is not JSON', post.path, response.status);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ZaloHttpError('answer is not a JSON object', post.path, response.status);
  const answer = json as Record<string, unknown>;
  const code = Number(answer.error ?? 0);
  if (code !== 0) {
    const message = [answer.message, answer.error_description, answer.error_name].find((m) => typeof m === 'string') ?? 'no message';
    throw new ZaloApiError(Number.isFinite(code) ? code : -1, String(message), post.path);
  }
  return answer;
}
