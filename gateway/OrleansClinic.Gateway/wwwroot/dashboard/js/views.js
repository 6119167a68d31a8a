// The back-office views: notices that may not have arrived, staff and their roles, and the audit trail.

const StaffRoles = ['receptionist', 'practice_manager', 'admin', 'doctor'];
const $ = (id) => document.getElementById(id);
// Each load of the staff list counts up, so an answer that arrives after a newer load began is dropped.
let staffListLoads = 0;

/** Fills the undelivered-notices table. */
export async function showNotices(api) {
  $('notices-error').textContent = '';
  try {
    const notices = await api.get('/api/v1/notifications/undelivered');
    fill($('notices-table'), notices.map((n) => [
      when(n.updatedAt), n.patientId, n.channel, n.kind.replace(/_/g, ' '), n.reason, String(n.attempts), n.providerStatus ?? n.lastError ?? '',
    ]), 'Every notice sent has been delivered or is on its way.');
  } catch (e) {
    $('notices-error').textContent = e.message;
  }
}

/** Wires the staff view: look a member up, and (admins) create one or change their roles; `user.is(role)` is asked at each use. */
export function wireStaff(api, user) {
  // Asked at each use: the page is wired before anyone signs in.
  const canEdit = () => user.is('admin');
  $('staff-find').addEventListener('submit', async (event) => {
    event.preventDefault();
    await lookUp(api, $('staff-id').value.trim(), canEdit());
  });
  $('staff-member').addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = $('staff-member').dataset.staffId;
    const roles = StaffRoles.filter((r) => $(`staff-role-${r}`).checked);
    $('staff-error').textContent = '';
    try {
      const found = $('staff-member').dataset.exists === 'true';
      const doctorId = $('staff-doctor').value.trim();
      const member = found
        ? await api.put(`/api/v1/staff/${encodeURIComponent(id)}/roles`, { roles })
        : await api.post('/api/v1/staff', { id, roles, ...(doctorId ? { doctorId } : {}) });
      render(member, canEdit());
    } catch (e) {
      $('staff-error').textContent = e.message;
      return;
    }

    await showStaff(api, user);
  });
}

/** Fills the staff list; each row's Open button loads that member into the form below (editable for admins). */
export async function showStaff(api, user) {
  const load = ++staffListLoads;
  $('staff-list-error').textContent = '';
  let members;
  try {
    members = await api.get('/api/v1/staff');
  } catch (e) {
    if (load === staffListLoads) {
      $('staff-list-error').textContent = e.message;
    }

    return;
  }

  if (load !== staffListLoads) {
    return;
  }

  fill($('staff-table'), members.map((m) => [
    m.id, m.roles.map((r) => r.replace('_', ' ')).join(', '), m.doctorId ?? '', openButton(api, user, m.id),
  ]), 'No staff members yet.');
}

function openButton(api, user, id) {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Open' });
  button.setAttribute('aria-label', `Open ${id}`);
  button.addEventListener('click', async () => {
    $('staff-id').value = id;
    await lookUp(api, id, user.is('admin'));
    if (!$('staff-member').hidden) {
      // Keyboard users land on what they opened: the first role they may tick, or the member's heading.
      ($('staff-member').querySelector('input:not(:disabled)') ?? $('staff-member-title')).focus();
    }
  });
  return button;
}

async function lookUp(api, id, canEdit) {
  $('staff-error').textContent = '';
  $('staff-member').hidden = true;
  if (!id) {
    $('staff-error').textContent = 'Type a staff id.';
    return;
  }

  try {
    render(await api.get(`/api/v1/staff/${encodeURIComponent(id)}`), canEdit);
  } catch (e) {
    if (e.status === 404 && canEdit) {
      // Nobody has that id yet: an admin may create them here.
      render({ id, roles: [], doctorId: null, history: [], isNew: true }, canEdit);
      $('staff-error').textContent = `No staff member ${id} yet: choose roles and save to create them.`;
    } else {
      $('staff-error').textContent = e.message;
    }
  }
}

function render(member, canEdit) {
  const form = $('staff-member');
  form.hidden = false;
  form.dataset.staffId = member.id;
  form.dataset.exists = member.isNew ? 'false' : 'true';
  $('staff-member-title').textContent = `Roles of ${member.id}`;
  $('staff-roles').replaceChildren(...StaffRoles.map((role) => {
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', id: `staff-role-${role}`, checked: member.roles.includes(role), disabled: !canEdit });
    const label = Object.assign(document.createElement('label'), { htmlFor: box.id, textContent: role.replace('_', ' ') });
    const pair = document.createElement('span');
    pair.append(box, ' ', label);
    return pair;
  }));
  $('staff-doctor').value = member.doctorId ?? '';
  $('staff-doctor').disabled = !canEdit || !member.isNew;
  $('staff-save').hidden = !canEdit;
  $('staff-save').textContent = member.isNew ? 'Create staff member' : 'Save roles';
  $('staff-history').replaceChildren(...member.history.map((h) => Object.assign(document.createElement('li'), {
    textContent: `${when(h.at)}: ${h.from.join(', ') || 'none'} → ${h.to.join(', ') || 'none'} (by ${h.changedBy})`,
  })));
}

/** Wires the audit view: entries by entity, and a check of the whole chain. */
export function wireAudit(api) {
  $('audit-find').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('audit-error').textContent = '';
    const entity = $('audit-entity').value.trim();
    const limit = $('audit-limit').value || '200';
    try {
      const entries = await api.get(`/api/v1/audit?limit=${encodeURIComponent(limit)}${entity ? `&entityId=${encodeURIComponent(entity)}` : ''}`);
      fill($('audit-table'), entries.map((e) => [
        String(e.sequence), when(e.at), `${e.actorId} (${e.actorRole})`, e.action, `${e.entityType} ${e.entityId}`, e.outcome, e.reason ?? '',
      ]), 'No entries.');
    } catch (e) {
      $('audit-error').textContent = e.message;
    }
  });
  $('audit-verify').addEventListener('click', async () => {
    const verdict = $('audit-verdict');
    verdict.removeAttribute('data-intact');
    verdict.textContent = 'Checking every entry…';
    try {
      const v = await api.get('/api/v1/audit/verify');
      verdict.dataset.intact = String(v.intact);
      const anchors = v.anchorsChecked > 0 ? `, ${v.anchorsChecked} anchors outside the database agree` : '';
      verdict.textContent = v.intact
        ? `Intact: ${v.entries} entries checked${anchors}. Head ${v.headSequence}: ${v.headHash.slice(0, 16)}…`
        : `Broken at entry ${v.brokenAt}: ${v.problem}`;
    } catch (e) {
      verdict.textContent = '';
      $('audit-error').textContent = e.message;
    }
  });
}

function fill(table, rows, empty) {
  const body = table.tBodies[0];
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement('tr');
    // A cell is text, or an element such as a button.
    tr.append(...cells.map((content) => {
      const td = document.createElement('td');
      td.append(content);
      return td;
    }));
    return tr;
  }));
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    tr.append(Object.assign(document.createElement('td'), { colSpan: table.tHead.rows[0].cells.length, textContent: empty }));
    body.append(tr);
  }
}

function when(instant) {
  return new Intl.DateTimeFormat('en-AU', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(instant));
}
