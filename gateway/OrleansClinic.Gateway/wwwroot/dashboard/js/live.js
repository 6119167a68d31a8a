// Server-Sent Events over fetch, because EventSource cannot send the bearer token: resumes with Last-Event-ID after a
// drop, treats a silent connection as dead (the server sends a heartbeat at least every 15 s), and says which state
// it is in so the page can show when what it shows may be stale.

const Silence = 45_000;

/**
 * Opens `path` and calls `onEvent(type, data)` per event, `onResync()` when the server could not fill a gap (or after
 * a reconnect, when the page should reload what it shows), and `onState(state)` with `connecting`, `live` or
 * `reconnecting`. Returns `{ close() }`.
 */
export function openLive(path, token, { onEvent, onResync, onState }) {
  let lastId = null;
  let stopped = false;
  let controller = null;
  let retry = 1_000;

  async function run() {
    let connectedBefore = false;
    while (!stopped) {
      controller = new AbortController();
      let watchdog = null;
      const touch = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), Silence);
      };
      try {
        onState(connectedBefore ? 'reconnecting' : 'connecting');
        const response = await fetch(path, {
          headers: {
            Accept: 'text/event-stream',
            Authorization: `Bearer ${token()}`,
            ...(lastId === null ? {} : { 'Last-Event-ID': lastId }),
          },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!response.ok) {
          throw new Error(`The live stream answered ${response.status}.`);
        }

        touch();
        onState('live');
        if (connectedBefore) {
          // Events missed while away are replayed from Last-Event-ID, but a reload is what makes the page certain.
          onResync('reconnected');
        }

        connectedBefore = true;
        await readEvents(response.body, touch, (event) => {
          if (event.id !== undefined) {
            lastId = event.id;
          }

          if (event.retry !== undefined) {
            retry = event.retry;
          }

          if (event.type === 'resync') {
            onResync('resync');
          } else if (event.type && event.data) {
            onEvent(event.type, JSON.parse(event.data));
          }
        });
      } catch {
        // A drop, a refusal or the watchdog: all mean try again shortly.
      } finally {
        clearTimeout(watchdog);
      }

      if (!stopped) {
        onState('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, retry));
      }
    }
  }

  run();
  return {
    close() {
      stopped = true;
      controller?.abort();
    },
  };
}

async function readEvents(body, touch, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }

    touch();
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = {};
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) {
          continue;
        }

        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') {
          event.data = event.data === undefined ? text : `${event.data}\n${text}`;
        } else if (field === 'event') {
          event.type = text;
        } else if (field === 'id') {
          event.id = text;
        } else if (field === 'retry' && /^\d+$/.test(text)) {
          event.retry = Number(text);
        }
      }

      dispatch(event);
    }
  }
}
