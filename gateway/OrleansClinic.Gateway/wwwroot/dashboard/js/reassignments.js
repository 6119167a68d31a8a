// The re-assignment queue: each doctor's recent absences, what their workflow did, and what still needs a person.
import { clock } from './day-view.js';

const Outcomes = { moved: 'moved', needs_attention: 'need attention', skipped: 'skipped', not_reached: 'not reached', pending: 'pending' };

/**
 * Renders `workflows` (each `{ doctor, absence, workflow, patients }`, where `patients` maps each appointment still
 * needing attention to its patient) into `list`; `apply(item, alternative)` is called when the user picks a free time.
 */
export function renderReassignments(list, workflows, doctorsById, apply) {
  list.replaceChildren();
  if (workflows.length === 0) {
    list.append(Object.assign(document.createElement('p'), { className: 'empty', textContent: 'No doctor is away at this location.' }));
    return;
  }

  for (const { doctor, absence, workflow, patients } of workflows) {
    const box = document.createElement('article');
    box.className = 'workflow';
    box.dataset.workflowId = workflow.id;
    box.dataset.status = workflow.status;
    const title = document.createElement('h3');
    title.textContent = `${doctor.name} away ${when(absence.from, doctor.timeZone)} to ${when(absence.to, doctor.timeZone)} (${absence.kind})`;
    const counts = document.createElement('p');
    counts.className = 'counts';
    counts.textContent = `${workflow.status.replace('_', ' ')}: ${Object.entries(Outcomes)
      .map(([key, label]) => [workflow.counts[camel(key)] ?? 0, label])
      .filter(([n]) => n > 0)
      .map(([n, label]) => `${n} ${label}`)
      .join(', ') || 'no appointments affected'}`;
    box.append(title, counts);

    const waiting = workflow.appointments.filter((i) => i.outcome === 'needs_attention' && patients.has(i.appointmentId));
    if (waiting.length > 0) {
      const items = document.createElement('ul');
      for (const item of waiting) {
        const li = document.createElement('li');
        li.dataset.appointmentId = item.appointmentId;
        const patient = patients.get(item.appointmentId);
        li.append(`${patient} at ${when(item.start, doctor.timeZone)}: ${item.note ?? 'no colleague was free'}`);
        const actions = document.createElement('span');
        actions.className = 'actions';
        for (const alternative of item.alternatives) {
          const colleague = doctorsById.get(alternative.doctorId);
          const text = `${colleague?.name ?? alternative.doctorId} at ${clock(alternative.start, colleague?.timeZone ?? doctor.timeZone)}`;
          const button = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
          button.setAttribute('aria-label', `Move ${patient} to ${text}`);
          button.addEventListener('click', () => apply(item, alternative));
          actions.append(button);
        }

        if (item.alternatives.length === 0) {
          actions.append('No free time found nearby: use Move in the day view.');
        }

        li.append(actions);
        items.append(li);
      }

      box.append(items);
    }

    list.append(box);
  }
}

function when(instant, timeZone) {
  return new Intl.DateTimeFormat('en-AU', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(instant));
}

function camel(key) {
  return key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}
