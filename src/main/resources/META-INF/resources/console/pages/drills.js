// Drills: the year's pace, plan a drill, start it with live verification, log the timeline, close it
// with the after-action record (ratings, strengths, improvements, corrective actions) or cancel it.
import { t } from '../i18n.js';
import { h, replace, get, api, can, act, time, badge, table, select, field, formValue, lines, zonedIso, localInput, serverNow, state, regionName, history } from '../core.js';

const TYPES = ['TABLETOP', 'LIVE', 'DRILL', 'FUNCTIONAL', 'FULL_SCALE'];
const RATINGS = ['P', 'S', 'M', 'U'];
const RATING_CODE = { PERFORMED_WITHOUT_CHALLENGES: 'P', PERFORMED_WITH_SOME_CHALLENGES: 'S', PERFORMED_WITH_MAJOR_CHALLENGES: 'M', UNABLE_TO_BE_PERFORMED: 'U' };

export function mount(root, [id]) {
  return id ? detail(root, id) : list(root);
}

function list(root) {
  const pace = h('div.card#drill-pace');
  const body = h('div.card#drill-list');
  root.append(h('div.head', h('h1', t('nav.drills'))), pace);
  if (can('POST /api/drills')) {
    const regions = state.session.topology.regions.filter(r => r.level !== 'county');
    const form = h('form#drill-form.card', h('h2', t('drill.plan')),
      h('div.cols',
        field(t('drill.codeName'), h('input', { name: 'codeName', required: true })),
        field(t('col.title'), h('input', { name: 'title' })),
        field(t('col.type'), select('type', TYPES.map(x => [x, t('drillType.' + x)]))),
        field(t('drill.organiser'), h('input', { name: 'organiser', required: true })),
        field(t('drill.plannedStart'), h('input', { name: 'plannedStart', type: 'datetime-local', value: localInput(serverNow() + 3600e3) })),
        field(t('drill.plannedEnd'), h('input', { name: 'plannedEnd', type: 'datetime-local', value: localInput(serverNow() + 4 * 3600e3) })),
        field(t('drill.location'), h('input', { name: 'location' })),
        field(t('drill.regions'), select('regions', regions.map(r => [r.id, r.name]), { multiple: true, size: 6 }))),
      field(t('drill.objectives'), h('textarea', { name: 'objectives', rows: 3, placeholder: t('drill.onePerLine') })),
      field(t('drill.scenario'), h('textarea', { name: 'scenario', rows: 2 })));
    const b = h('button#plan-drill', { type: 'submit' }, t('drill.do.plan'));
    form.append(b);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const out = await act(b, form, () => api('POST', '/api/drills', {
        codeName: formValue(form, 'codeName'), title: formValue(form, 'title'), type: formValue(form, 'type'), organiser: formValue(form, 'organiser'),
        plannedStart: zonedIso(formValue(form, 'plannedStart')), plannedEnd: zonedIso(formValue(form, 'plannedEnd')),
        location: formValue(form, 'location'), regions: formValue(form, 'regions'), objectives: lines(form.elements.objectives.value),
        scenario: formValue(form, 'scenario') }), t('drill.done.plan'));
      if (out) location.hash = '#/drills/' + out.id;
    });
    root.append(form);
  }
  root.append(body);

  async function update() {
    const [plan, rows] = await Promise.all([get('/api/drills/plan'), get('/api/drills')]);
    replace(pace, h('h2', t('drill.pace'), ' ', plan.year), h('div.tiles',
      h('div.tile', h('b', `${plan.completed}/${plan.target}`), h('span', t('drill.completed'))),
      h('div.tile', h('b', plan.expectedByNow), h('span', t('drill.expectedByNow'))),
      h('div.tile', h('b', plan.reachable), h('span', t('drill.reachable'))),
      h('div.tile', h('b', plan.projectedAtUsualRate), h('span', t('drill.projected'))),
      h('div.tile', badge(plan.status, 'indicator'), h('span', t('col.status')))),
      h('div.months', plan.months.map(m => h('div.month', { title: `${m.month}: ${m.completed}/${m.planned}` },
        h('div.bar', { style: `height:${Math.min(100, m.planned * 20)}%` }, h('div.fill', { style: `height:${m.planned ? Math.round(100 * m.completed / m.planned) : 0}%` })),
        h('small', m.month)))),
      (plan.warnings || []).map(w => h('p.warning', w.message || w)));
    replace(body, h('h2', t('drill.list')), table([t('col.id'), t('drill.codeName'), t('col.type'), t('drill.plannedStart'), t('drill.regions'), t('col.status')],
      rows.map(d => h('tr', { dataset: { drill: d.id } }, h('td', h('a', { href: '#/drills/' + d.id }, d.id)), h('td', d.codeName, d.title ? [h('br'), h('small', d.title)] : null),
        h('td', t('drillType.' + d.type, d.type)), h('td', time(d.plannedStart)), h('td', (d.regions || []).map(regionName).join(', ')),
        h('td', badge(d.status, 'drill'))))));
  }
  return { update };
}

function detail(root, id) {
  const base = '/api/drills/' + encodeURIComponent(id);
  const head = h('div.head');
  const facts = h('div.card#drill-facts');
  const verification = h('div.card#drill-verification');
  const timeline = h('div.card#drill-timeline');
  const record = h('div.card#drill-record');
  const tools = h('div.buttons#drill-tools');
  const eventForm = h('form#drill-event-form.card', h('h3', t('drill.logEvent')),
    field(t('drill.kind'), select('kind', ['INJECT', 'OBSERVATION', 'NOTE'].map(k => [k, t('entry.' + k)]))),
    field(t('drill.content'), h('textarea', { name: 'content', rows: 2 })));
  const eventButton = h('button#log-event', { type: 'submit' }, t('drill.do.log'));
  eventForm.append(eventButton);
  eventForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = await act(eventButton, eventForm, () => api('POST', base + '/events', { kind: formValue(eventForm, 'kind'), content: formValue(eventForm, 'content') }), t('drill.done.log'));
    if (out) eventForm.elements.content.value = '';
  });
  const closeForm = h('form#drill-complete-form.card');
  let built = false;
  root.append(head, tools, h('div.split', facts, verification), timeline, eventForm, closeForm, record);

  function buildClose(d) {
    if (built) return;
    built = true;
    const actions = h('div#action-rows');
    const addRow = () => actions.append(h('div.cols.action-row',
      h('input', { name: 'actionTitle', placeholder: t('drill.actionTitle') }), h('input', { name: 'actionOwner', placeholder: t('drill.actionOwner') }),
      h('input', { name: 'actionDue', type: 'date' })));
    addRow();
    const more = h('button.secondary.small', { type: 'button' }, t('drill.addAction'));
    more.addEventListener('click', addRow);
    replace(closeForm, h('h2', t('drill.close')),
      h('div#ratings', d.objectives.map(o => field(`${o.id} ${o.text}`, select('rating-' + o.id, RATINGS.map(r => [r, `${r} · ${t('rating.' + r)}`]))))),
      field(t('drill.strengths'), h('textarea', { name: 'strengths', rows: 2, placeholder: t('drill.onePerLine') })),
      field(t('drill.improvements'), h('textarea', { name: 'improvements', rows: 2, placeholder: t('drill.onePerLine') })),
      field(t('drill.summary'), h('textarea', { name: 'summary', rows: 2 })),
      h('h3', t('drill.correctiveActions')), actions, more);
    const done = h('button#complete-drill', { type: 'submit' }, t('drill.do.complete'));
    closeForm.append(h('div.buttons', done));
    closeForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const titles = [...closeForm.querySelectorAll('[name=actionTitle]')];
      const correctiveActions = titles.map((el, i) => ({ title: el.value.trim(), owner: closeForm.querySelectorAll('[name=actionOwner]')[i].value.trim() || undefined,
        dueAt: closeForm.querySelectorAll('[name=actionDue]')[i].value || undefined })).filter(a => a.title);
      await act(done, closeForm, () => api('POST', base + '/complete', {
        ratings: d.objectives.map(o => ({ objective: o.id, rating: closeForm.elements['rating-' + o.id].value })),
        strengths: lines(closeForm.elements.strengths.value), improvements: lines(closeForm.elements.improvements.value),
        summary: formValue(closeForm, 'summary'), correctiveActions }), t('drill.done.complete'));
    });
  }

  async function update() {
    const d = await get(base);
    replace(head, h('h1', d.id, ' ', h('small', d.codeName, d.title ? ' · ' + d.title : '')), badge(d.status, 'drill'),
      h('a.download', { href: base + '?format=pdf', download: d.id + '.pdf' }, 'PDF'));
    replace(tools, toolButtons(d, base));
    replace(facts, h('h2', t('drill.facts')), h('dl.facts',
      h('dt', t('col.type')), h('dd', t('drillType.' + d.type, d.type)),
      h('dt', t('drill.organiser')), h('dd', d.organiser || '—'),
      h('dt', t('drill.planned')), h('dd', `${time(d.plannedStart)} – ${time(d.plannedEnd, 'clock')}`),
      h('dt', t('drill.actual')), h('dd', d.actualStart ? `${time(d.actualStart)} – ${d.actualEnd ? time(d.actualEnd, 'clock') : '…'}` : '—'),
      h('dt', t('drill.regions')), h('dd', (d.regions || []).map(regionName).join(', ') || '—'),
      h('dt', t('drill.terminals')), h('dd', (d.terminals || []).length),
      h('dt', t('drill.objectives')), h('dd', h('ol', (d.objectives || []).map(o => h('li', `${o.id} ${o.text}`))))),
      (d.warnings || []).map(w => h('p.warning', w)));
    const v = d.verification;
    replace(verification, h('h2', t('drill.verification')), v ? [
      h('p', h('b', `${v.verified}/${v.total}`), ' ', t('drill.verified'), ' · ', v.result || ''),
      v.running ? h('p.warning#round-running', t('drill.running'), ': ', `${v.running.poll.answered}/${v.running.poll.polled} `, t('drill.answered'),
        ` · ${v.running.poll.waiting} …`) : null,
      table([t('drill.round'), t('col.at'), t('drill.answered'), t('state.UP'), 'ms'], (v.rounds || []).map(r => h('tr', h('td', `#${r.n} ${t('trigger.' + r.trigger, r.trigger)}`),
        h('td', time(r.startedAt)), h('td.num', `${r.answered}/${r.polled}`), h('td.num', r.up), h('td.num', r.millis)))),
      h('details', h('summary', t('drill.perTerminal')), table([t('col.terminal'), t('col.state'), t('drill.firstUp')],
        (v.terminals || []).map(x => h('tr', h('td', h('a', { href: '#/terminals/' + encodeURIComponent(x.terminal) }, x.terminal)), h('td', badge(x.state, 'state')),
          h('td', x.firstUpAt ? time(x.firstUpAt) : h('span.badge.down', t('drill.neverUp')))))))] : h('p.empty', t('drill.notStarted')));
    replace(timeline, h('h2', t('drill.timeline')), table([t('col.at'), t('drill.kind'), t('drill.content'), t('col.actor')],
      (d.timeline || []).map(e => h('tr', h('td', time(e.at)), h('td', t('entry.' + e.kind, e.kind)), h('td', e.content || ''), h('td', e.by || '')))),
      h('details', h('summary', t('drill.history')), history(d.history)));
    eventForm.hidden = d.status !== 'IN_PROGRESS' || !can('POST /api/drills/{id}/events');
    closeForm.hidden = d.status !== 'IN_PROGRESS' || !can('POST /api/drills/{id}/complete');
    if (!closeForm.hidden) buildClose(d);
    record.hidden = d.status !== 'COMPLETED';
    if (d.status === 'COMPLETED') {
      replace(record, h('h2', t('drill.afterAction')),
        table([t('drill.objective'), t('drill.rating')], (d.ratings || []).map(r => h('tr', h('td', r.objective), h('td', `${RATING_CODE[r.rating] || r.rating} · ${t('rating.' + (RATING_CODE[r.rating] || r.rating))}`)))),
        h('dl.facts', h('dt', t('drill.strengths')), h('dd', (d.strengths || []).join('; ') || '—'),
          h('dt', t('drill.improvements')), h('dd', (d.improvements || []).join('; ') || '—'),
          h('dt', t('drill.summary')), h('dd', d.summary || '—')),
        h('h3', t('drill.correctiveActions')), table([t('col.id'), t('drill.actionTitle'), t('drill.actionOwner'), t('task.due'), t('col.status')],
          (d.actions || []).map(a => h('tr', { dataset: { action: a.id } }, h('td', a.id), h('td', a.title), h('td', a.owner || '—'), h('td', time(a.dueAt, 'day')),
            h('td', badge(a.overdue ? 'OVERDUE' : a.status, 'action'))))));
    }
  }
  return { update };
}

function toolButtons(d, base) {
  const out = [];
  const add = (verb, call, show, fn, cls = '') => {
    if (!show || !can(call)) return;
    const b = h('button' + cls, { type: 'button', id: 'drill-' + verb }, t('drill.do.' + verb));
    b.addEventListener('click', () => fn(b));
    out.push(b);
  };
  add('start', 'POST /api/drills/{id}/start', d.status === 'PLANNED', b => act(b, null, () => api('POST', base + '/start'), t('drill.done.start')));
  add('verify', 'POST /api/drills/{id}/verify', d.status === 'IN_PROGRESS', b => act(b, null, () => api('POST', base + '/verify'), t('drill.done.verify')), '.secondary');
  add('cancel', 'POST /api/drills/{id}/cancel', !['COMPLETED', 'CANCELLED'].includes(d.status), b => {
    const reason = prompt(t('drill.cancelReason'));
    if (reason) act(b, null, () => api('POST', base + '/cancel', { reason }), t('drill.done.cancel'));
  }, '.secondary');
  return out;
}
