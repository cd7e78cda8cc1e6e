// The dashboard's calls to /ui/api/ (docs/dashboard.md). A 401 sends the
// page to its login form; state changes carry the session's CSRF token.

let session = null;
export function currentSession() { return session; }
export function setSession(s) { session = s; }

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function call(method, path, body) {
  const init = { method, headers: {}, credentials: 'same-origin', cache: 'no-cache' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch('/ui/api/' + path, init);
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  if (!res.ok) {
    if (res.status === 401 && path !== 'login') {
      session = null;
      if (!location.hash.startsWith('#/login')) location.hash = '#/login';
    }
    throw new ApiError(res.status, (data && data.error) || res.statusText);
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const change = (path, body) => call('POST', path, { ...body, csrf: session ? session.csrf : '' });
