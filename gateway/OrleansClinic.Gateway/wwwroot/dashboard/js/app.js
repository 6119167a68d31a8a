// The front desk: sign in, pick a location and a day, and run it; every change, yours or anyone's, arrives live.
import { ApiError, createApi } from './api.js';
import { beginHostedSignIn, finishHostedSignIn, hostedSignOutUrl } from './hosted-sign-in.js';
import { openLive } from './live.js';
import { Roles, currentUser, forget, remember } from './session.js';
import { clock, dayRange, renderDoctor } from './day-view.js';
import { renderWeekFrame, renderWeekRow, shortDate, weekOf } from './week-view.js';
import { renderReassignments } from './reassignments.js';
import { nextDay, startOfDay } from './zones.js';
import { showNotices, showStaff, wireAudit, wireStaff } from './views.js';

const $ = (id) => document.getElementById(id);
const state = { settings: { signIn: 'dev' }, user: null, doctors: [], shown: new Map(), live: null, refreshes: new Map(), staleTimer: null, queueRefresh: null, queueGeneration: 0 };
const api = createApi(() => state.user?.token, signOut);

start();

async function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('location').addEventListener('change', showDay);
  $('date').addEventListener('change', showDay);
  $('span').addEventListener('change', showDay);
  $('previous-day').addEventListener('click', () => moveDay(-1));
  $('next-day').addEventListener('click', () => moveDay(1));
  $('today').addEventListener('click', () => { $('date').value = today(); showDay(); });
  for (const close of document.querySelectorAll('dialog [data-close]')) {
    close.addEventListener('click', () => close.closest('dialog').close());
  }

  $('book-find').addEventListener('click', findPatients);
  // Enter in the search box searches (it would otherwise submit the booking before a patient is chosen).
  $('book-search').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      findPatients();
    }
  });
  for (const button of $('views').querySelectorAll('button')) {
    button.addEventListener('click', () => show(button.dataset.view));
  }

  $('notices-refresh').addEventListener('click', () => showNotices(api));
  wireStaff(api, { is: (role) => state.user?.is(role) ?? false });
  wireAudit(api);
  $('book-form').addEventListener('submit', book);
  $('reschedule-form').addEventListener('submit', reschedule);
  $('absence-form').addEventListener('submit', markUnavailable);
  $('absence-kind').addEventListener('change', () => { $('absence-from-part').hidden = $('absence-kind').value !== 'planned'; });

  const settings = await fetch('/dashboard/settings').then((r) => r.json()).catch(() => ({ signIn: 'dev' }));
  state.settings = settings;
  for (const part of document.querySelectorAll('[data-mode]')) {
    part.hidden = !part.dataset.mode.split(' ').includes(settings.signIn);
  }

  let refused = '';
  if (settings.signIn === 'cognito-hosted') {
    try {
      const tokens = await finishHostedSignIn(api);
      if (tokens) {
        remember(tokens.access_token);
      }
    } catch (e) {
      refused = e instanceof TypeError ? 'The clinic could not be reached.' : e.message;
    }
  }

  state.user = currentUser();
  state.user ? await enter() : showSignIn(refused);
}

function showSignIn(message = '') {
  $('sign-in').hidden = false;
  for (const id of ['day', 'reassignments', 'notices', 'staff', 'audit', 'views']) {
    $(id).hidden = true;
  }

  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('sign-in-error').textContent = message;
  setLive('offline');
}

async function signIn(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  $('sign-in-error').textContent = '';
  try {
    if (state.settings.signIn === 'cognito-hosted') {
      await beginHostedSignIn(state.settings);
      return;
    }

    const tokens = $('dev-subject').closest('[data-mode]').hidden
      ? await api.post('/api/v1/auth/sign-in', { email: form.get('username'), password: form.get('password') })
      : await api.post('/dev/token', { subject: form.get('subject'), roles: [form.get('role')] });
    remember(tokens.access_token);
    state.user = currentUser();
    await enter();
  } catch (e) {
    $('sign-in-error').textContent = e instanceof ApiError ? e.message : 'The clinic could not be reached.';
  }
}

function signOut(message) {
  forget();
  state.user = null;
  state.live?.close();
  state.live = null;
  // Signing out on purpose also ends the hosted page's session, or its next visit would sign the same user straight back in.
  if (!message && state.settings.signIn === 'cognito-hosted') {
    location.assign(hostedSignOutUrl(state.settings));
    return;
  }

  showSignIn(message);
}

async function enter() {
  const user = state.user;
  if (!user.isAny([...Roles.staff, 'doctor'])) {
    signOut('This page is for clinic staff. Patients manage their appointments in the patient app.');
    return;
  }

  $('sign-in').hidden = true;
  $('views').hidden = false;
  for (const button of $('views').querySelectorAll('button')) {
    button.hidden = button.dataset.roles !== undefined && !user.isAny(button.dataset.roles.split(' '));
  }

  show('day');
  $('sign-out').hidden = false;
  $('who').textContent = `${user.id} · ${user.roles.map((r) => r.replace('_', ' ')).join(', ')}`;
  try {
    const doctors = await api.get('/api/v1/doctors');
    // A doctor sees their own day; the front desk sees every doctor.
    state.doctors = user.isAny(Roles.staff) ? doctors : doctors.filter((d) => d.id === user.id);
  } catch (e) {
    $('day-error').textContent = e.message;
    return;
  }

  const locations = [...new Set(state.doctors.map((d) => d.locationId))].sort();
  $('location').replaceChildren(...locations.map((l) => new Option(l.replace(/^loc-/, '').replace(/-/g, ' '), l)));
  $('date').value ||= today();
  connectLive();
  await showDay();
}

// One view at a time; the day view comes with the re-assignment queue for staff.
function show(view) {
  for (const button of $('views').querySelectorAll('button')) {
    if (button.dataset.view === view) {
      button.setAttribute('aria-current', 'page');
    } else {
      button.removeAttribute('aria-current');
    }
  }

  $('day').hidden = view !== 'day';
  $('reassignments').hidden = view !== 'day' || !state.user.isAny(Roles.staff);
  $('notices').hidden = view !== 'notices';
  $('staff').hidden = view !== 'staff';
  $('audit').hidden = view !== 'audit';
  if (view === 'notices') {
    showNotices(api);
  } else if (view === 'staff') {
    showStaff(api, state.user);
  } else if (view === 'day' && state.shown.size > 0) {
    refreshReassignments();
  }
}

function connectLive() {
  state.live?.close();
  const path = state.user.isAny(Roles.staff) ? '/api/v1/clinic/events' : `/api/v1/doctors/${encodeURIComponent(state.user.id)}/schedule/events`;
  state.live = openLive(path, () => state.user?.token, {
    onState: (s) => setLive(s === 'connecting' ? 'reconnecting' : s),
    onEvent: (type, data) => {
      refreshFor(data?.entity);
      if (type.startsWith('reassignment.') || type.startsWith('doctor.')) {
        clearTimeout(state.queueRefresh);
        state.queueRefresh = setTimeout(refreshReassignments, 200);
      }
    },
    onResync: () => {
      setLive('stale');
      showDay().then(() => setLive('resynced'));
    },
  });
}

function setLive(s) {
  const text = {
    live: 'Live',
    reconnecting: 'Reconnecting… what you see may be out of date',
    stale: 'Reloading after a gap…',
    resynced: 'Live · reloaded after a gap',
    offline: 'Not connected',
  }[s];
  const status = $('live-status');
  status.dataset.state = s === 'resynced' ? 'live' : s;
  status.textContent = text;
  clearTimeout(state.staleTimer);
  if (s === 'resynced') {
    state.staleTimer = setTimeout(() => setLive('live'), 8_000);
  }
}

// Shows the chosen location on the chosen day, or in the week that holds it: a column per doctor, or a row per doctor.
async function showDay() {
  const location = $('location').value;
  const date = $('date').value;
  const week = $('span').value === 'week';
  $('day-error').textContent = '';
  const columns = $('columns');
  columns.replaceChildren();
  columns.classList.toggle('columns', !week);
  state.shown.clear();
  const doctors = state.doctors.filter((d) => d.locationId === location);
  if (week) {
    const days = weekOf(date);
    $('day-title').textContent = `Week · ${shortDate(days[0])} to ${shortDate(days[6])}`;
    const rows = renderWeekFrame(columns, days);
    for (const doctor of doctors) {
      const row = document.createElement('tr');
      row.dataset.doctorId = doctor.id;
      rows.append(row);
      state.shown.set(doctor.id, { column: row, doctor });
    }
  } else {
    $('day-title').textContent = `Day · ${new Date(`${date}T00:00:00`).toLocaleDateString('en-AU', { weekday: 'long', day: 'numeric', month: 'long' })}`;
    for (const doctor of doctors) {
      const column = document.createElement('section');
      column.className = 'doctor';
      column.dataset.doctorId = doctor.id;
      columns.append(column);
      state.shown.set(doctor.id, { column, doctor });
    }
  }

  await Promise.all([...state.shown.keys()].map((id) => refreshDoctor(id)));
  await refreshReassignments();
}

async function refreshReassignments() {
  if ($('reassignments').hidden) {
    return;
  }

  // Reloads overlap when events come quickly; only the latest one started may draw, or an older answer would win.
  const generation = ++state.queueGeneration;
  const q = encodeURIComponent;
  const recent = Date.now() - 24 * 3600 * 1000;
  try {
    // Absences as they are now, not as the columns last drew them: the event that brought us here may be newer.
    const doctors = (await api.get('/api/v1/doctors')).filter((d) => state.shown.has(d.id));
    const absences = doctors.flatMap((doctor) => (doctor.absences ?? []).filter((a) => Date.parse(a.to) > recent).map((absence) => ({ doctor, absence })));
    // Every read at once: a queue of several absences must not cost a round trip per appointment in turn.
    const found = await Promise.all(absences.map(async ({ doctor, absence }) => {
      const workflow = await api.get(`/api/v1/reassignments/${q(absence.reassignmentId)}`);
      // The workflow remembers what it could not do; the appointment says whether someone has settled it since.
      const waiting = await Promise.all(workflow.appointments.filter((i) => i.outcome === 'needs_attention')
        .map((i) => api.get(`/api/v1/appointments/${q(i.appointmentId)}`)));
      const patients = new Map(waiting.filter((a) => a.status === 'needs_attention').map((a) => [a.id, a.patientId]));
      return { doctor, absence, workflow, patients };
    }));

    if (generation !== state.queueGeneration) {
      return;
    }

    const doctorsById = new Map(state.doctors.map((d) => [d.id, d]));
    renderReassignments($('reassignment-list'), found, doctorsById, applyAlternative);
    $('reassignments-error').textContent = '';
  } catch (e) {
    $('reassignments-error').textContent = e.message;
  }
}

async function applyAlternative(item, alternative) {
  try {
    await api.postOnce(`/api/v1/appointments/${encodeURIComponent(item.appointmentId)}/reschedule`, { start: alternative.start, doctorId: alternative.doctorId });
    await showDay();
  } catch (e) {
    $('reassignments-error').textContent = e.message;
  }
}

async function refreshDoctor(id) {
  const shown = state.shown.get(id);
  if (!shown) {
    return;
  }

  const date = $('date').value;
  const span = $('span').value;
  const days = span === 'week' ? weekOf(date) : [date];
  const from = dayRange(days[0]).from;
  const to = dayRange(days.at(-1)).to;
  const q = (s) => encodeURIComponent(s);
  const generation = (shown.generation ?? 0) + 1;
  shown.generation = generation;
  let view;
  try {
    const [doctor, slots, appointments, held] = await Promise.all([
      api.get(`/api/v1/doctors/${q(id)}`),
      api.get(`/api/v1/doctors/${q(id)}/slots?from=${q(from)}&to=${q(to)}`),
      api.get(`/api/v1/doctors/${q(id)}/appointments?date=${q(days[0])}&days=${days.length}`),
      api.get(`/api/v1/doctors/${q(id)}/held?date=${q(days[0])}&days=${days.length}`),
    ]);
    view = { doctor, date, days, slots, appointments, held };
  } catch (e) {
    view = { doctor: shown.doctor, date, days, slots: [], appointments: [], held: [], error: e.message };
  }

  if (state.shown.get(id) !== shown || shown.generation !== generation || $('date').value !== date || $('span').value !== span) {
    return;
  }

  shown.doctor = view.doctor;
  if (span === 'week') {
    renderWeekRow(shown.column, view, openDay);
    return;
  }

  const user = state.user;
  const can = {
    book: user.isAny(Roles.book),
    lifecycle: user.isAny(Roles.lifecycle),
    absence: (d) => user.isAny(Roles.absence) || (user.is('doctor') && user.id === d.id),
  };
  renderDoctor(shown.column, view, can, act);
}

// Events name the doctors they touch; one that names none (or an unknown shape) refreshes every column shown.
function refreshFor(entity) {
  const named = ['doctorId', 'fromDoctorId', 'toDoctorId', 'previousDoctorId', 'newDoctorId', 'originalDoctorId']
    .map((k) => entity?.[k]).filter((v) => typeof v === 'string');
  for (const id of named.length > 0 ? named : [...state.shown.keys()]) {
    if (state.shown.has(id) && !state.refreshes.has(id)) {
      // Several events of one change come together: one reload answers them all.
      state.refreshes.set(id, setTimeout(() => { state.refreshes.delete(id); refreshDoctor(id); }, 50));
    }
  }
}

async function act(action, detail) {
  if (action === 'book') {
    openBook(detail);
    return;
  }

  if (action === 'reschedule') {
    openReschedule(detail);
    return;
  }

  if (action === 'absence') {
    openAbsence(detail);
    return;
  }

  const a = detail;
  const column = state.shown.get(a.doctorId)?.column;
  const error = column?.querySelector('[data-column-error]');
  if (error) {
    error.textContent = '';
  }

  try {
    if (action === 'cancel') {
      if (!confirm(`Cancel ${a.patientId}'s appointment? The slot becomes free.`)) {
        return;
      }

      await api.postOnce(`/api/v1/appointments/${encodeURIComponent(a.id)}/cancel`, { reason: 'cancelled at the front desk' });
    } else {
      await api.post(`/api/v1/appointments/${encodeURIComponent(a.id)}/${action}`);
    }

    await refreshDoctor(a.doctorId);
  } catch (e) {
    if (error) {
      error.textContent = e.message;
    }
  }
}

function openBook({ doctor, start }) {
  const dialog = $('book-dialog');
  dialog.dataset.doctorId = doctor.id;
  dialog.dataset.start = start;
  $('book-slot').textContent = `${doctor.name} · ${$('date').value} at ${clock(start, doctor.timeZone)}`;
  $('book-form').reset();
  $('book-matches').hidden = true;
  $('book-match-list').replaceChildren();
  $('book-error').textContent = '';
  dialog.showModal();
  $('book-search').focus();
}

async function findPatients() {
  const query = $('book-search').value.trim();
  $('book-error').textContent = '';
  const list = $('book-match-list');
  list.replaceChildren();
  try {
    // An email has an @. Names hold no digits, so six or more make a phone number (+61 491 570 006, (02) 5550 1234),
    // and so does text without a letter (the API then says what a phone needs); anything else is a name.
    const digits = (query.match(/\d/g) ?? []).length;
    const by = query.includes('@') ? { email: query }
      : digits >= 6 || !/\p{L}/u.test(query) ? { phone: query }
        : { name: query };
    const found = await api.post('/api/v1/patients/search', by);
    // Each patient shown is a read of their details, logged with the reason the front desk has for it.
    const details = await Promise.all(found.patients.map((p) =>
      api.get(`/api/v1/patients/${encodeURIComponent(p.id)}`, { 'X-Access-Reason': 'booking at the front desk' })));
    for (const p of details) {
      const id = `match-${p.id}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = `${p.givenName} ${p.familyName}, born ${p.dateOfBirth} (${p.id})`;
      const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'match', id, value: p.id });
      radio.addEventListener('change', () => { $('book-patient').value = p.id; });
      const row = document.createElement('div');
      row.className = 'row';
      row.append(radio, label);
      list.append(row);
    }

    $('book-matches').hidden = details.length === 0;
    if (details.length === 0) {
      $('book-error').textContent = 'No registered patient matches that search.';
    } else if (details.length === 1) {
      // One match: chosen, and Enter now books.
      list.querySelector('input').click();
      $('book-submit').focus();
    }
  } catch (e) {
    $('book-error').textContent = e.message;
  }
}

async function book(event) {
  event.preventDefault();
  const dialog = $('book-dialog');
  const patientId = $('book-patient').value.trim();
  if (!patientId) {
    $('book-error').textContent = 'Choose a patient first.';
    $('book-patient').focus();
    return;
  }

  try {
    const reason = $('book-reason').value.trim();
    await api.postOnce('/api/v1/appointments', { doctorId: dialog.dataset.doctorId, patientId, start: dialog.dataset.start, ...(reason ? { reason } : {}) });
    dialog.close();
    await refreshDoctor(dialog.dataset.doctorId);
  } catch (e) {
    $('book-error').textContent = e.message;
  }
}

function openReschedule({ doctor, appointment }) {
  const dialog = $('reschedule-dialog');
  dialog.dataset.appointmentId = appointment.id;
  dialog.dataset.doctorId = doctor.id;
  $('reschedule-from').textContent = `${appointment.patientId} with ${doctor.name}, now at ${clock(appointment.start, doctor.timeZone)}`;
  const free = [...(state.shown.get(doctor.id)?.column.querySelectorAll('li[data-kind="free"]') ?? [])].map((li) => li.dataset.start);
  $('reschedule-slot').replaceChildren(...free.map((start) => new Option(clock(start, doctor.timeZone), start)));
  $('reschedule-error').textContent = free.length === 0 ? 'No free time left on this day.' : '';
  dialog.showModal();
  $('reschedule-slot').focus();
}

async function reschedule(event) {
  event.preventDefault();
  const dialog = $('reschedule-dialog');
  const start = $('reschedule-slot').value;
  if (!start) {
    return;
  }

  try {
    await api.postOnce(`/api/v1/appointments/${encodeURIComponent(dialog.dataset.appointmentId)}/reschedule`, { start });
    dialog.close();
    await refreshDoctor(dialog.dataset.doctorId);
  } catch (e) {
    $('reschedule-error').textContent = e.message;
  }
}

function openAbsence(doctor) {
  const dialog = $('absence-dialog');
  dialog.dataset.doctorId = doctor.id;
  dialog.dataset.timeZone = doctor.timeZone;
  $('absence-form').reset();
  $('absence-doctor').textContent = `${doctor.name} (${doctor.timeZone})`;
  $('absence-from').value = $('date').value;
  $('absence-until').value = $('date').value;
  $('absence-from-part').hidden = true;
  $('absence-error').textContent = '';
  dialog.showModal();
  $('absence-kind').focus();
}

async function markUnavailable(event) {
  event.preventDefault();
  const dialog = $('absence-dialog');
  const zone = dialog.dataset.timeZone;
  const kind = $('absence-kind').value;
  const until = $('absence-until').value;
  if (!until || (kind === 'planned' && !$('absence-from').value)) {
    $('absence-error').textContent = 'Choose the days the doctor is away.';
    return;
  }

  const reason = $('absence-reason').value.trim();
  const body = {
    kind,
    from: kind === 'planned' ? startOfDay($('absence-from').value, zone) : new Date().toISOString(),
    to: startOfDay(nextDay(until), zone),
    ...(reason ? { reason } : {}),
  };
  try {
    await api.postOnce(`/api/v1/doctors/${encodeURIComponent(dialog.dataset.doctorId)}/unavailability`, body);
    dialog.close();
    await showDay();
  } catch (e) {
    $('absence-error').textContent = e.message;
  }
}

// The week view opens one of its days.
function openDay(date) {
  $('date').value = date;
  $('span').value = 'day';
  showDay();
}

// Back or forward a day, or a week when the week is shown.
function moveDay(direction) {
  const date = new Date(`${$('date').value}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + direction * ($('span').value === 'week' ? 7 : 1));
  $('date').value = date.toISOString().slice(0, 10);
  showDay();
}

function today() {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
