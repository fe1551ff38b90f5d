/**
 * The script of `/playground/callback`, the OAuth redirect target. It hands `code`/`state` (or
 * `error`) to the page that opened the sign-in popup — it never exchanges the code itself — then
 * removes them from the address bar and closes the popup.
 */
import { CALLBACK_MESSAGE_TYPE, type CallbackMessage } from './clientConfig.js';

const params = new URLSearchParams(window.location.search);
const message: CallbackMessage = {
  type: CALLBACK_MESSAGE_TYPE,
  code: params.get('code'),
  state: params.get('state'),
  error: params.get('error'),
  errorDescription: params.get('error_description'),
};
window.history.replaceState(null, '', window.location.pathname);

if (window.opener && window.opener !== window) {
  // Only a page of this origin may receive the code.
  (window.opener as Window).postMessage(message, window.location.origin);
}
const channel = new BroadcastChannel(CALLBACK_MESSAGE_TYPE);
channel.postMessage(message);
channel.close();

const status = document.getElementById('status');
if (status) {
  status.textContent = message.error
    ? `Sign-in failed: ${message.errorDescription ?? message.error}. You can close this window.`
    : 'Signed in. You can close this window.';
}
window.setTimeout(() => window.close(), 50);
