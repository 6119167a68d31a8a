// The public API as the dashboard calls it: the bearer token, JSON both ways, and a problem response turned into one
// sentence a receptionist can act on.

/** A refused or failed call, with the API's problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

/** Calls under the signed-in user's token; `onSignedOut` runs when the API no longer accepts it. */
export function createApi(token, onSignedOut) {
  async function call(method, path, body, headers = {}) {
    const response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token() ? { Authorization: `Bearer ${token()}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && token()) {
      onSignedOut('Your sign-in has expired. Please sign in again.');
    }

    const text = await response.text();
    const json = text ? safeJson(text) : null;
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }

    return json;
  }

  return {
    get: (path, headers) => call('GET', path, undefined, headers),
    post: (path, body, headers) => call('POST', path, body ?? {}, headers),
    put: (path, body) => call('PUT', path, body ?? {}),
    // Booking calls are safe to repeat under one key; each user action gets its own.
    postOnce: (path, body) => call('POST', path, body ?? {}, { 'Idempotency-Key': crypto.randomUUID() }),
  };
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

function describe(status, problem) {
  if (!problem) {
    return `The clinic answered ${status}.`;
  }

  const fields = problem.errors
    ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(', ')}`)
    : [];
  return [problem.title, problem.detail, ...fields].filter(Boolean).join(' — ') || `The clinic answered ${status}.`;
}
