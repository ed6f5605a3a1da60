// Incidents: the list with filters; one incident with its timeline, children, classification and actions.
import { t } from '../i18n.js';
import { h, replace, get, api, can, act, time, badge, table, select, field, formValue, refreshSoon, history } from '../core.js';

export function mount(root, [id]) {
  return id ? detail(root, id) : list(root);
}

function list(root) {
  const filters = h('form.filters#incident-filters',
    select('status', [['ACTIVE', t('incident.ACTIVE')], ['OPEN', t('incident.OPEN')], ['ACKNOWLEDGED', t('incident.ACKNOWLEDGED')],
      ['RESOLVED', t('incident.RESOLVED')], ['', t('all.statuses')]]),
    select('major', [['', t('incident.anyMajor')], ['true', t('incident.majorOnly')]]));
  filters.addEventListener('change', refreshSoon);
  const body = h('div.card#incident-list');
  root.append(h('div.head', h('h1', t('nav.incidents'))), filters, body);

  async function update() {
    const q = new URLSearchParams();
    for (const k of ['status', 'major']) if (filters.elements[k].value) q.set(k, filters.elements[k].value);
    const rows = await get('/api/incidents?' + q);
    replace(body, table([t('col.id'), t('col.title'), t('col.level'), t('col.status'), t('incident.children'), t('incident.opened'), t('incident.lastSeen')],
      rows.map(i => h('tr', { dataset: { incident: i.id } },
        h('td', h('a', { href: '#/incidents/' + i.id }, i.id)),
        h('td', i.major ? h('span.badge.major', t('incident.major')) : null, ' ', i.title),
        h('td', h('span.level.l' + i.level, i.level)),
        h('td', badge(i.status, 'incident')),
        h('td.num', i.children ? `${i.activeChildren}/${i.children}` : '—'),
        h('td', time(i.openedAt)), h('td', time(i.lastSeen))))));
  }
  return { update };
}

function detail(root, id) {
  const head = h('div.head');
  const facts = h('div.card#incident-facts');
  const timeline = h('div.card#incident-timeline');
  const children = h('div.card#incident-children');
  const actions = h('div.card#incident-actions');
  const base = '/api/incidents/' + encodeURIComponent(id);
  const note = h('textarea', { name: 'note', rows: 3, placeholder: t('incident.notePlaceholder') });
  const form = h('form#incident-form', field(t('col.note'), note));
  const buttons = h('div.buttons');
  form.append(buttons);
  for (const [verb, path] of [['acknowledge', '/acknowledge'], ['resolve', '/resolve'], ['note', '/notes']]) {
    if (!can(`POST /api/incidents/{id}${path}`)) continue;
    const b = h('button#incident-' + verb, { type: 'button' }, t('incident.do.' + verb));
    b.addEventListener('click', async () => {
      const out = await act(b, form, () => api('POST', base + path, { note: formValue(form, 'note') }), t('incident.done.' + verb));
      if (out) note.value = '';
    });
    buttons.append(b);
  }
  let classify = null;
  if (can('POST /api/incidents/{id}/classify')) {
    classify = h('form#classify-form', h('h3', t('incident.classify')),
      field(t('incident.major'), select('major', [['false', t('no')], ['true', t('yes')]])),
      field(t('col.level'), select('level', [['I', 'Ⅰ'], ['II', 'Ⅱ'], ['III', 'Ⅲ'], ['IV', 'Ⅳ']])),
      field(t('col.reason'), h('input', { name: 'reason' })));
    const b = h('button#incident-classify', { type: 'button' }, t('incident.do.classify'));
    b.addEventListener('click', () => act(b, classify, () => api('POST', base + '/classify', {
      major: classify.elements.major.value === 'true', level: classify.elements.level.value, reason: formValue(classify, 'reason') }),
    t('incident.done.classify')));
    classify.append(b);
  }
  if (buttons.childElementCount || classify) replace(actions, h('h2', t('incident.actions')), buttons.childElementCount ? form : null, classify);
  else actions.hidden = true;
  root.append(head, h('div.split', facts, actions), timeline, children);

  async function update() {
    const x = await get(base);
    replace(head, h('h1', x.id, ' ', h('small', x.title)), badge(x.status, 'incident'), x.major ? h('span.badge.major', t('incident.major')) : null);
    const c = x.classification || {};
    replace(facts, h('h2', t('incident.facts')), h('dl.facts',
      h('dt', t('incident.condition')), h('dd', t('condition.' + x.condition, x.condition)),
      h('dt', t('incident.scope')), h('dd', scopeLink(x)),
      h('dt', t('col.level')), h('dd', h('span.level.l' + x.level, x.level)),
      h('dt', t('incident.rule')), h('dd', `${c.rule || '—'} ${c.ruleVersion || ''}${c.manual ? ' · ' + t('incident.manual') + ' ' + (c.by || '') + ': ' + (c.reason || '') : ''}`),
      h('dt', t('incident.opened')), h('dd', time(x.openedAt)),
      h('dt', t('incident.lastSeen')), h('dd', `${time(x.lastSeen)} · ×${x.count}`),
      x.acknowledgedAt ? [h('dt', t('incident.ACKNOWLEDGED')), h('dd', `${time(x.acknowledgedAt)} · ${x.acknowledgedBy}`)] : null,
      x.resolvedAt ? [h('dt', t('incident.RESOLVED')), h('dd', `${time(x.resolvedAt)} · ${x.resolvedBy || ''} ${x.resolution || ''}`)] : null));
    replace(timeline, h('h2', t('incident.timeline')), history(x.timeline));
    children.hidden = !(x.children && x.children.length);
    replace(children, h('h2', t('incident.childrenTitle'), ' (', (x.children || []).length, ')'), table([t('col.terminal'), t('incident.attached'), t('incident.recovered')],
      (x.children || []).map(ch => h('tr', h('td', h('a', { href: '#/terminals/' + encodeURIComponent(ch.terminal) }, ch.terminal)),
        h('td', time(ch.attachedAt)), h('td', ch.recoveredAt ? time(ch.recoveredAt) : h('span.badge.down', t('incident.stillDown')))))));
    for (const [verb, allowed] of [['acknowledge', x.status === 'OPEN'], ['resolve', x.status !== 'RESOLVED'], ['note', true]]) {
      const b = root.querySelector('#incident-' + verb);
      if (b) b.hidden = !allowed;
    }
  }
  return { update };
}

function scopeLink(x) {
  if (x.scopeKind === 'TERMINAL') return h('a', { href: '#/terminals/' + encodeURIComponent(x.scopeId) }, x.scopeId);
  return `${t('scope.' + x.scopeKind, x.scopeKind)} ${x.scopeId}`;
}
