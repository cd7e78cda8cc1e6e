// The login form: an entity's MoSAPI account or an operator account.
import { h } from './dom.js';
import { post, setSession } from './api.js';

export function render(main) {
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password',
                            autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit' }, 'Log in');
  const form = h('form', { class: 'login', onsubmit: async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    button.disabled = true;
    try {
      setSession(await post('login', { username: user.value, password: pass.value }));
      location.hash = '#/';
    } catch (e) {
      error.textContent = e.status === 429 ? 'Too many attempts; wait a little and try again.'
                        : e.status === 403 ? 'Logins are not allowed from this address.'
                        : 'Wrong user name or password.';
      pass.value = '';
      pass.focus();
    } finally {
      button.disabled = false;
    }
  } },
  h('h1', {}, 'Log in to tldmon'),
  h('label', { for: 'username' }, 'User name'), user,
  h('label', { for: 'password' }, 'Password'), pass,
  button, error,
  h('p', { class: 'muted' }, 'Registries and registrars use their MoSAPI account; operators their dashboard account.'));
  main.append(form);
  user.focus();
}
