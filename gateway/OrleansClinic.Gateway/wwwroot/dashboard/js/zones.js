// Times on a doctor's own clock, for a page that may be open in another zone: Intl knows the zones, so no library.

/** The instant `timeZone`'s clocks show 00:00 on `date` (yyyy-MM-dd), as an ISO string. */
export function startOfDay(date, timeZone) {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // Corrected twice: the first guess may sit on the other side of a daylight-saving change.
  let instant = midnightUtc;
  for (let i = 0; i < 2; i++) {
    instant = midnightUtc - offsetAt(instant, timeZone);
  }

  return new Date(instant).toISOString();
}

/** The day after `date` (yyyy-MM-dd). */
export function nextDay(date) {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function offsetAt(instant, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return shown - Math.floor(instant / 1000) * 1000;
}
