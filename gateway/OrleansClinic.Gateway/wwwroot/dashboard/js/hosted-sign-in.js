// Signing in on Cognito's hosted page: the authorization-code flow with PKCE. The page never calls Cognito itself; the
// gateway redeems the code (POST /api/v1/auth/hosted/token), so the strict CSP's connect-src 'self' holds.

const Pending = 'orleans-clinic.hosted-sign-in';

/** Where the hosted page sends the user back to: this page, as the app client lists it. */
export function redirectUri() {
  return `${location.origin}/dashboard/`;
}

/** Leaves for the hosted sign-in page, remembering (for this tab only) the state and the verifier the return must match. */
export async function beginHostedSignIn(settings) {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(Pending, JSON.stringify({ state, verifier }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${settings.authorizeUrl}?${query}`);
}

/**
 * Finishes a return from the hosted page: null when this load is not one; otherwise the tokens, or an Error saying why
 * not. The code and state leave the address bar either way, and a state this tab did not send is never exchanged.
 */
export async function finishHostedSignIn(api) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return null;
  }

  const pending = readPending();
  sessionStorage.removeItem(Pending);
  history.replaceState(null, '', location.pathname);
  if (params.has('error')) {
    // Only the error's code, never its description: anyone can craft this address, and the page must not speak for them.
    const error = /^[a-z_]{1,40}$/.test(params.get('error')) ? ` (${params.get('error')})` : '';
    throw new Error(`The sign-in page did not sign you in${error}. Please try again.`);
  }

  // Another tab's or another site's return (a forged link) carries a state this tab never made.
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('This sign-in did not start from this page, so it was not used. Please sign in again.');
  }

  return api.post('/api/v1/auth/hosted/token', { code: params.get('code'), codeVerifier: pending.verifier, redirectUri: redirectUri() });
}

/** The hosted page's sign-out, which ends its own session too and then sends the user back here. */
export function hostedSignOutUrl(settings) {
  return `${settings.logoutUrl}?${new URLSearchParams({ client_id: settings.clientId, logout_uri: redirectUri() })}`;
}

function readPending() {
  try {
    return JSON.parse(sessionStorage.getItem(Pending));
  } catch {
    return null;
  }
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
