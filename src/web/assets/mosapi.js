// MoSAPI documents through the dashboard's session (/ui/mosapi/…): the
// exact JSON a MoSAPI client reads. Changes carry the CSRF token as ?csrf=.
import { currentSession, ApiError } from './api.js';

export function mosapiUrl(path) { return '/ui/mosapi/' + path; }

export async function mosapi(method, path, body) {
  const s = currentSession();
  const sep = path.includes('?') ? '&' : '?';
  const url = mosapiUrl(path) + (method === 'GET' ? '' : `${sep}csrf=${encodeURIComponent(s ? s.csrf : '')}`);
  const init = { method, credentials: 'same-origin', cache: 'no-cache', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch (_) { data = null; }
  if (!res.ok) {
    const detail = data && (data.description || data.message || data.error);
    throw new ApiError(res.status, detail ? `${res.status}: ${detail}` : `${res.status}: ${text.slice(0, 200)}`);
  }
  return data;
}
