// One doctor's day as the front desk sees it: free slots to book, and appointments with the steps each allows.
import { nextDay } from './zones.js';

const Labels = {
  booked: 'Booked',
  checked_in: 'Checked in',
  completed: 'Completed',
  no_show: 'Did not attend',
  cancelled: 'Cancelled',
  needs_attention: 'Needs attention',
};

/** The whole day in any zone: 00:00 at UTC+14 to 24:00 at UTC-12, narrowed to the doctor's own day when shown. */
export function dayRange(date) {
  return { from: `${date}T00:00:00+14:00`, to: `${nextDay(date)}T00:00:00-12:00` };
}

/** The date `instant` falls on in `timeZone`, as yyyy-MM-dd. */
export function localDate(instant, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** `instant` as the doctor's clock shows it, e.g. 09:30. */
export function clock(instant, timeZone) {
  return new Intl.DateTimeFormat('en-AU', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(instant));
}

/**
 * Renders `doctor`'s column: `slots` (free), `held` slots (a hold or a move under way) and `appointments`, in time order. `can` says which actions the user may
 * take (`book`, `lifecycle`, and `absence(doctor)`); `act(action, detail)` is called when they take one.
 */
export function renderDoctor(column, { doctor, date, slots, held = [], appointments, error }, can, act) {
  column.replaceChildren();
  const heading = element('h3', { id: `doctor-${doctor.id}` }, doctor.name);
  // Today's status, and whether this day falls in an absence (planned leave shows here long before it starts).
  const away = (doctor.absences ?? []).some((a) => localDate(a.from, doctor.timeZone) <= date && date <= localDate(Date.parse(a.to) - 1, doctor.timeZone));
  heading.append(' ', element('span', { class: 'status' }, `(${statusText(doctor.status)}${away ? '; away this day' : ''})`));
  if (can.absence(doctor)) {
    heading.append(button('Away…', `Mark ${doctor.name} unavailable`, () => act('absence', doctor)));
  }

  column.append(heading);
  column.setAttribute('aria-labelledby', heading.id);
  column.append(element('p', { class: 'error', role: 'alert', 'data-column-error': '' }, error ?? ''));

  const rows = [
    ...slots.filter((s) => localDate(s.start, doctor.timeZone) === date).map((s) => ({ start: s.start, end: s.end, free: true })),
    ...held.filter((h) => localDate(h.start, doctor.timeZone) === date).map((h) => ({ start: h.start, end: h.end, held: h })),
    ...appointments.map((a) => ({ start: a.start, end: a.end, appointment: a })),
  ].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.free ? 1 : -1));

  if (rows.length === 0) {
    column.append(element('p', { class: 'empty' }, 'Nothing on this day.'));
    return;
  }

  const list = element('ul', { class: 'slots' });
  for (const row of rows) {
    const time = clock(row.start, doctor.timeZone);
    const item = element('li', { class: 'slot', 'data-start': row.start });
    item.append(element('time', { datetime: row.start }, time));
    if (row.free) {
      item.classList.add('free');
      item.dataset.kind = 'free';
      item.append(element('span', { class: 'who-line' }, 'Free'));
      if (can.book) {
        item.append(actions([button('Book', `Book ${doctor.name} at ${time}`, () => act('book', { doctor, start: row.start }))]));
      }
    } else if (row.held) {
      // Taken, but by nothing finished: it frees itself if the hold lapses, or becomes the moving appointment's slot.
      item.classList.add('held');
      item.dataset.kind = 'held';
      item.append(element('span', { class: 'who-line' }, row.held.why === 'move' ? 'Held · an appointment is moving here' : 'Held · being booked'));
    } else {
      const a = row.appointment;
      item.classList.add(a.status);
      item.dataset.kind = 'appointment';
      item.dataset.appointmentId = a.id;
      item.dataset.status = a.status;
      item.append(element('span', { class: 'who-line' }, `${a.patientId} · ${Labels[a.status] ?? a.status}`));
      const label = `${a.patientId} at ${time}`;
      const steps = [];
      if (can.lifecycle && a.status === 'booked') {
        steps.push(button('Check in', `Check in ${label}`, () => act('check-in', a)));
        steps.push(button('No-show', `Mark ${label} as did not attend`, () => act('no-show', a)));
      }

      if (can.lifecycle && a.status === 'checked_in') {
        steps.push(button('Complete', `Complete ${label}`, () => act('complete', a)));
      }

      if (can.book && (a.status === 'booked' || a.status === 'needs_attention')) {
        steps.push(button('Move', `Move ${label}`, () => act('reschedule', { doctor, appointment: a })));
        steps.push(button('Cancel', `Cancel ${label}`, () => act('cancel', a)));
      }

      if (steps.length > 0) {
        item.append(actions(steps));
      }
    }

    list.append(item);
  }

  column.append(list);
}

function statusText(status) {
  return { available: 'available', unavailable: 'unavailable', on_leave: 'on leave' }[status] ?? status ?? 'status unknown';
}

function actions(buttons) {
  const group = element('span', { class: 'actions' });
  group.append(...buttons);
  return group;
}

function button(text, label, onClick) {
  const b = element('button', { type: 'button', 'aria-label': label }, text);
  b.addEventListener('click', onClick);
  return b;
}

/** A new `name` element with `attributes` and, if given, `text`. */
export function element(name, attributes = {}, text) {
  const e = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    e.setAttribute(key, value);
  }

  if (text !== undefined) {
    e.textContent = text;
  }

  return e;
}
