// Emergencies: declare, the live countdown to the first report's deadline, draft, edit, submit, download.
import { t } from '../i18n.js';
import { h, replace, get, api, can, act, time, badge, table, select, field, formValue, localInput, zonedIso, serverNow, state, regionName, history } from '../core.js';

const TYPES = ['EARTHQUAKE', 'FLOOD', 'TYPHOON', 'FIRE', 'OTHER'];
const NARRATIVE = ['summary', 'actionsTaken', 'restorationEstimate', 'nextUpdateAt', 'preparedBy'];

export function mount(root, [id]) {
  return id ? detail(root, id) : list(root);
}

function countdown(e) {
  const c = e.clock || {};
  if (c.state === 'RUNNING' || c.state === 'OVERDUE') return h('span.countdown', { dataset: { deadline: c.dueAt } }, '');
  return badge(c.state, 'clock');
}

function list(root) {
  const body = h('div.card#emergency-list');
  root.append(h('div.head', h('h1', t('nav.emergencies'))));
  if (can('POST /api/emergencies')) {
    const provinces = state.session.topology.regions.filter(r => r.level === 'province');
    const form = h('form#declare-form.card',
      h('h2', t('emergency.declare')),
      field(t('col.title'), h('input', { name: 'title', required: true })),
      field(t('col.type'), select('type', TYPES.map(x => [x, t('emergencyType.' + x)]))),
      field(t('emergency.regions'), select('regions', provinces.map(r => [r.id, r.name]), { multiple: true, size: Math.min(6, provinces.length) })),
      field(t('emergency.onset'), h('input', { name: 'onsetAt', type: 'datetime-local', value: localInput(serverNow()) }), t('emergency.zoneHint') + ' ' + state.session.zone));
    const b = h('button#declare', { type: 'submit' }, t('emergency.do.declare'));
    form.append(b);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const out = await act(b, form, () => api('POST', '/api/emergencies', { title: formValue(form, 'title'), type: formValue(form, 'type'),
        regions: formValue(form, 'regions'), onsetAt: zonedIso(formValue(form, 'onsetAt')) }), t('emergency.done.declare'));
      if (out) location.hash = '#/emergencies/' + out.id;
    });
    root.append(form);
  }
  root.append(body);

  async function update() {
    const rows = await get('/api/emergencies');
    replace(body, h('h2', t('emergency.list')), table([t('col.id'), t('col.title'), t('col.type'), t('emergency.regions'), t('emergency.declared'), t('emergency.due'), t('emergency.clock'), t('col.status')],
      rows.map(e => h('tr', { dataset: { emergency: e.id } }, h('td', h('a', { href: '#/emergencies/' + e.id }, e.id)), h('td', e.title),
        h('td', t('emergencyType.' + e.type, e.type)), h('td', (e.regions || []).map(regionName).join(', ')), h('td', time(e.declaredAt)),
        h('td', time(e.reportDueAt, 'clock')), h('td', countdown(e)), h('td', badge(e.status, 'emergencyStatus'))))));
  }
  return { update };
}

function detail(root, id) {
  const base = '/api/emergencies/' + encodeURIComponent(id);
  const head = h('div.head');
  const clock = h('div.card.clock#report-clock');
  const facts = h('div.card#emergency-facts');
  const reports = h('div#reports');
  const timeline = h('div.card#emergency-timeline');
  const tools = h('div.buttons#emergency-tools');
  if (can('POST /api/emergencies/{id}/reports')) {
    const kind = select('kind', [['', t('emergency.kindAuto')], ['INITIAL', t('reportKind.INITIAL')], ['UPDATE', t('reportKind.UPDATE')], ['FINAL', t('reportKind.FINAL')]]);
    const b = h('button#draft-report', { type: 'button' }, t('emergency.do.draft'));
    b.addEventListener('click', () => act(b, null, () => api('POST', base + '/reports', kind.value ? { kind: kind.value } : {}), t('emergency.done.draft')));
    tools.append(kind, b);
  }
  if (can('POST /api/emergencies/{id}/close')) {
    const b = h('button#close-emergency.secondary', { type: 'button' }, t('emergency.do.close'));
    b.addEventListener('click', () => act(b, null, () => api('POST', base + '/close', { note: prompt(t('emergency.closeNote')) || undefined }), t('emergency.done.close')));
    tools.append(b);
  }
  root.append(head, h('div.split', clock, facts), tools, reports, timeline);
  const forms = {}; // report id → its narrative form, kept across refreshes so typing is not lost

  async function update() {
    const e = await get(base);
    replace(head, h('h1', e.id, ' ', h('small', e.title)), badge(e.status, 'emergencyStatus'));
    const c = e.clock || {};
    replace(clock, h('h2', t('emergency.clock')), h('div.big', countdown(e)),
      h('p', t('emergency.due'), ' ', time(c.dueAt), ' · ', t('emergency.limit'), ' ', (c.limit || '').replace('PT', '').toLowerCase(), ' · ', t('emergency.basis.' + c.basis, c.basis)),
      c.submittedAt ? h('p', t('emergency.submittedAt'), ' ', time(c.submittedAt), ' ', c.onTime === false ? h('span.badge.missed', t('emergency.late')) : h('span.badge.met', t('emergency.onTime'))) : null,
      (c.warnings || []).map(w => h('p.warning', w)));
    replace(facts, h('h2', t('emergency.facts')), h('dl.facts',
      h('dt', t('col.type')), h('dd', t('emergencyType.' + e.type, e.type)),
      h('dt', t('emergency.regions')), h('dd', (e.regions || []).map(regionName).join(', ')),
      h('dt', t('emergency.onset')), h('dd', time(e.onsetAt)),
      h('dt', t('emergency.declared')), h('dd', `${time(e.declaredAt)} · ${e.declaredBy || ''}`)));
    tools.hidden = e.status !== 'OPEN' || !tools.childElementCount;
    const cards = [];
    for (const r of [...(e.reports || [])].reverse()) cards.push(await reportCard(base, r, forms));
    replace(reports, cards.length ? cards : h('p.empty.card', t('emergency.noReports')));
    replace(timeline, h('h2', t('incident.timeline')), history(e.timeline));
  }
  return { update };
}

/** How far the report's fresh poll came: while it runs, the draft shows its progress and completes itself. */
function pollLine(p, status) {
  if (!p || !p.polled) return null;
  const vars = { polled: p.polled, answered: p.answered, noAnswer: p.noAnswer ?? 0, waiting: p.waiting ?? 0, seconds: ((p.millis || 0) / 1000).toFixed(1) };
  const fill = (s) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
  return p.complete ? h('p.poll.muted', fill(t('poll.done')))
    : h('p.poll.warning', fill(t('poll.progress')), status === 'DRAFT' ? ' · ' + t('poll.completes') : '');
}

async function reportCard(base, summary, forms) {
  const path = `${base}/reports/${encodeURIComponent(summary.id)}`;
  const r = await get(path);
  const n = r.narrative || {};
  const counts = (r.facts && r.facts.counts) || {};
  const card = h('div.card.report', { dataset: { report: r.id } },
    h('div.head', h('h2', `${r.id} · ${t('reportKind.' + r.kind, r.kind)}`), badge(r.status, 'reportStatus')),
    h('p.muted', t('emergency.drafted'), ' ', time(r.draftedAt), ' · ', r.draftedBy || '', r.submittedAt ? [' · ', t('emergency.submittedAt'), ' ', time(r.submittedAt), ' · ', r.approvedBy || ''] : null),
    h('div.tiles.small', [['total', ''], ['online', 'up'], ['degraded', 'degraded'], ['offline', 'down'], ['unknown', 'unknown'], ['unconfirmed', 'unknown'],
      ['criticalOffline', 'down']].map(([k, cls]) => h('div.tile' + (cls ? '.' + cls : ''), h('b', counts[k] ?? '—'), h('span', t('report.' + k))))),
    pollLine(r.facts && r.facts.poll, r.status),
    h('p.downloads', t('emergency.download'), ' ', ['pdf', 'csv', 'html', 'json'].map(f =>
      [h('a.download', { href: `${path}?format=${f}`, download: `${r.emergency}-${r.id}.${f}`, dataset: { format: f } }, f.toUpperCase()), ' '])));
  const editable = r.status !== 'SUBMITTED' && can('PATCH /api/emergencies/{id}/reports/{rid}');
  if (!editable) {
    card.append(h('dl.facts', NARRATIVE.filter(k => n[k]).map(k => [h('dt', t('report.' + k)), h('dd', k === 'nextUpdateAt' ? time(n[k]) : n[k])])));
    return card;
  }
  let form = forms[r.id];
  if (!form) {
    form = h('form.narrative#report-form-' + r.id,
      field(t('report.summary'), h('textarea', { name: 'summary', rows: 3 }, n.summary || '')),
      field(t('report.actionsTaken'), h('textarea', { name: 'actionsTaken', rows: 3 }, n.actionsTaken || '')),
      field(t('report.restorationEstimate'), h('input', { name: 'restorationEstimate', value: n.restorationEstimate || '' })),
      field(t('report.nextUpdateAt'), h('input', { name: 'nextUpdateAt', type: 'datetime-local', value: n.nextUpdateAt ? String(n.nextUpdateAt).slice(0, 16) : '' })),
      field(t('report.preparedBy'), h('input', { name: 'preparedBy', value: n.preparedBy || state.session.user })),
      field(t('report.approvedBy'), h('input', { name: 'approvedBy', value: r.approvedBy || '' })));
    const narrative = () => Object.fromEntries(NARRATIVE.map(k => [k, k === 'nextUpdateAt' ? zonedIso(formValue(form, k)) : formValue(form, k)]).filter(([, v]) => v !== undefined));
    const save = h('button.secondary', { type: 'button', name: 'save' }, t('emergency.do.save'));
    save.addEventListener('click', () => act(save, form, () => api('PATCH', path, narrative()), t('emergency.done.save')));
    const submit = h('button', { type: 'button', name: 'submit' }, t('emergency.do.submit'));
    submit.addEventListener('click', () => act(submit, form, () => api('POST', path + '/submit',
      Object.assign(narrative(), { approvedBy: formValue(form, 'approvedBy') })), t('emergency.done.submit')));
    form.append(h('div.buttons', save, can('POST /api/emergencies/{id}/reports/{rid}/submit') ? submit : null));
    forms[r.id] = form;
  }
  card.append(form);
  return card;
}
