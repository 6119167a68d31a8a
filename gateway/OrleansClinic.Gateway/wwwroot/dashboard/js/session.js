// Who is signed in: the access token (kept for this browser tab only) and what it says of the user.

const Key = 'orleans-clinic.token';

/** The roles that run the front desk, and what each may do on this page. */
export const Roles = {
  staff: ['receptionist', 'practice_manager', 'admin'],
  book: ['receptionist', 'practice_manager'],
  lifecycle: ['receptionist', 'practice_manager', 'admin', 'doctor'],
  absence: ['practice_manager', 'admin'],
};

/** The signed-in user, or null. */
export function currentUser() {
  const token = sessionStorage.getItem(Key);
  if (!token) {
    return null;
  }

  const claims = decode(token);
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) {
    sessionStorage.removeItem(Key);
    return null;
  }

  const roles = [].concat(claims['cognito:groups'] ?? []);
  return {
    token,
    id: claims.sub,
    roles,
    is: (role) => roles.includes(role),
    isAny: (list) => list.some((role) => roles.includes(role)),
  };
}

/** Keeps `token` for this tab. */
export function remember(token) {
  sessionStorage.setItem(Key, token);
}

/** Forgets the token. */
export function forget() {
  sessionStorage.removeItem(Key);
}

function decode(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')));
  } catch {
    return null;
  }
}
