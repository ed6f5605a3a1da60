// Support tasks for emergencies and major events: create, then start, complete, fail or cancel.
import { t } from '../i18n.js';
import { h, replace, get, api, can, act, time, badge, table, select, field, formValue, zonedIso, localInput, serverNow, refreshSoon } from '../core.js';

export function mount(root) {
  const filters = h('form.filters#task-filters', select('status', [['', t('all.statuses')], ...['ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED']
    .map(s => [s, t('task.' + s)])]));
  filters.addEventListener('change', refreshSoon);
  const completion = h('p.muted#task-completion');
  const body = h('div.card#task-list');
  root.append(h('div.head', h('h1', t('nav.tasks'))), completion);
  let emergencySelect = null;
  if (can('POST /api/tasks')) {
    emergencySelect = select('emergency', [['', '—']]);
    const form = h('form#task-form.card', h('h2', t('task.create')), h('div.cols',
      field(t('col.title'), h('input', { name: 'title', required: true })),
      field(t('task.emergency'), emergencySelect),
      field(t('task.team'), h('input', { name: 'team' })),
      field(t('task.location'), h('input', { name: 'location' })),
      field(t('task.due'), h('input', { name: 'dueAt', type: 'datetime-local', value: localInput(serverNow() + 4 * 3600e3) }))));
    const b = h('button#create-task', { type: 'submit' }, t('task.do.create'));
    form.append(b);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const out = await act(b, form, () => api('POST', '/api/tasks', { title: formValue(form, 'title'), emergency: formValue(form, 'emergency'),
        team: formValue(form, 'team'), location: formValue(form, 'location'), dueAt: zonedIso(formValue(form, 'dueAt')) }), t('task.done.create'));
      if (out) form.reset();
    });
    root.append(form);
  }
  root.append(filters, body);

  async function update() {
    const q = filters.elements.status.value ? '?status=' + filters.elements.status.value : '';
    const [rows, done, emergencies] = await Promise.all([get('/api/tasks' + q), get('/api/tasks/completion'), emergencySelect ? get('/api/emergencies?status=OPEN') : []]);
    replace(completion, t('task.completion'), ': ', done.rate === null || done.rate === undefined ? '—' : (Math.round(done.rate * 1000) / 10) + ' %',
      ` (${done.completed ?? 0}/${done.due ?? 0})`);
    if (emergencySelect) {
      const keep = emergencySelect.value;
      replace(emergencySelect, h('option', { value: '' }, '—'), emergencies.map(e => h('option', { value: e.id }, `${e.id} ${e.title}`)));
      emergencySelect.value = keep;
    }
    replace(body, table([t('col.id'), t('col.title'), t('task.supports'), t('task.team'), t('task.due'), t('col.status'), ''],
      rows.map(x => h('tr', { dataset: { task: x.id } }, h('td', x.id), h('td', x.title),
        h('td', x.supports ? h('a', { href: x.supports.kind === 'EMERGENCY' ? '#/emergencies/' + x.supports.id : '#/tasks' }, x.supports.id) : '—'),
        h('td', x.team || '—'), h('td', time(x.dueAt)), h('td', badge(x.status, 'task')), h('td.buttons', buttons(x))))));
  }
  return { update };
}

function buttons(x) {
  const open = x.status === 'ASSIGNED' || x.status === 'IN_PROGRESS';
  if (!open) return null;
  const out = [];
  const steps = [['start', x.status === 'ASSIGNED', 'note'], ['complete', true, 'note'], ['fail', true, 'reason'], ['cancel', true, 'reason']];
  for (const [verb, show, key] of steps) {
    if (!show || !can(`POST /api/tasks/{id}/${verb}`)) continue;
    const b = h('button.small' + (verb === 'complete' || verb === 'start' ? '' : '.secondary'), { type: 'button', name: verb }, t('task.do.' + verb));
    b.addEventListener('click', () => {
      let text;
      if (key === 'reason') { text = prompt(t('task.reasonPrompt')); if (!text) return; }
      act(b, null, () => api('POST', `/api/tasks/${encodeURIComponent(x.id)}/${verb}`, text ? { [key]: text } : {}), t('task.done.' + verb));
    });
    out.push(b);
  }
  return out;
}
