// A location's week at a glance: one row per doctor, one cell per day, counting what each day holds.
import { element, localDate } from './day-view.js';
import { nextDay } from './zones.js';

const Counted = [
  ['booked', 'booked'],
  ['checked_in', 'checked in'],
  ['completed', 'completed'],
  ['no_show', 'did not attend'],
  ['needs_attention', 'need attention'],
];

/** The seven dates (yyyy-MM-dd) of the week, Monday first, that holds `date`. */
export function weekOf(date) {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  const days = [day.toISOString().slice(0, 10)];
  while (days.length < 7) {
    days.push(nextDay(days.at(-1)));
  }

  return days;
}

/** `date` as a short heading, e.g. "Mon 30 Nov". */
export function shortDate(date) {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-AU', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
}

/** Draws the week's table into `container` and returns its body, where each doctor's row goes. */
export function renderWeekFrame(container, days) {
  const table = element('table', { class: 'week' });
  const caption = element('caption', { class: 'visually-hidden' }, `Appointments, free and held slots each day from ${shortDate(days[0])} to ${shortDate(days[6])}`);
  const head = element('tr');
  head.append(element('th', { scope: 'col' }, 'Doctor'), ...days.map((d) => element('th', { scope: 'col' }, shortDate(d))));
  const thead = element('thead');
  thead.append(head);
  const body = element('tbody');
  table.append(caption, thead, body);
  const scroller = element('div', { class: 'week-scroll' });
  scroller.append(table);
  container.append(scroller);
  return body;
}

/**
 * Fills `row` with `doctor`'s week: per day the appointments by status, free and held slots, and a button that opens the
 * day (`open(date)`).
 */
export function renderWeekRow(row, { doctor, days, slots, appointments, held, error }, open) {
  row.replaceChildren();
  const heading = element('th', { scope: 'row', id: `week-doctor-${doctor.id}` }, doctor.name);
  if (error) {
    heading.append(element('p', { class: 'error', role: 'alert', 'data-column-error': '' }, error));
  }

  row.append(heading);
  const on = (date) => (s) => localDate(s.start, doctor.timeZone) === date;
  for (const date of days) {
    const cell = element('td', { 'data-date': date });
    const away = (doctor.absences ?? []).some((a) => localDate(a.from, doctor.timeZone) <= date && date <= localDate(Date.parse(a.to) - 1, doctor.timeZone));
    const mine = appointments.filter(on(date));
    const counts = { free: slots.filter(on(date)).length, held: held.filter(on(date)).length };
    for (const [status] of Counted) {
      counts[status] = mine.filter((a) => a.status === status).length;
    }

    for (const [key, value] of Object.entries(counts)) {
      cell.setAttribute(`data-${key.replaceAll('_', '-')}`, String(value));
    }

    const lines = element('ul', { class: 'counts' });
    for (const [status, text] of Counted) {
      if (counts[status] > 0) {
        lines.append(element('li', { class: status }, `${counts[status]} ${text}`));
      }
    }

    if (counts.held > 0) {
      lines.append(element('li', { class: 'held' }, `${counts.held} held`));
    }

    lines.append(element('li', { class: 'free' }, counts.free > 0 ? `${counts.free} free` : 'none free'));
    if (away) {
      cell.classList.add('away');
      lines.prepend(element('li', { class: 'away' }, 'away'));
    }

    const longDate = new Date(`${date}T00:00:00Z`).toLocaleDateString('en-AU', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
    const button = element('button', { type: 'button', 'aria-label': `Open ${doctor.name} on ${longDate}` }, 'Open day');
    button.addEventListener('click', () => open(date));
    cell.append(lines, button);
    row.append(cell);
  }
}
