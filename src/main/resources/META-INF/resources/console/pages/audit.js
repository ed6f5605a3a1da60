// Audit trail (reviewer, admin): who changed what, when, with the journal's own verification.
import { t } from '../i18n.js';
import { h, replace, get, time, table, localInput, zonedIso, serverNow, refreshSoon } from '../core.js';

export function mount(root) {
  const filters = h('form.filters#audit-filters',
    h('label', t('col.from'), ' ', h('input', { name: 'from', type: 'datetime-local', value: localInput(serverNow() - 7 * 86400e3) })),
    h('label', t('col.to'), ' ', h('input', { name: 'to', type: 'datetime-local' })),
    h('input', { name: 'actor', placeholder: t('col.actor') }));
  filters.addEventListener('change', refreshSoon);
  const integrity = h('p.muted#journal-integrity');
  const body = h('div.card#audit-list');
  root.append(h('div.head', h('h1', t('nav.audit'))), integrity, filters, body);

  async function update() {
    const q = new URLSearchParams();
    const from = zonedIso(filters.elements.from.value), to = zonedIso(filters.elements.to.value);
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    const [rows, head] = await Promise.all([get('/api/audit?' + q), get('/api/journal/head')]);
    const actor = filters.elements.actor.value.trim();
    replace(integrity, t('audit.head'), ` #${head.seq} · ${String(head.hash || '').slice(0, 16)}…`);
    replace(body, table([t('col.at'), t('col.actor'), t('audit.action'), t('audit.target'), 'HTTP', t('audit.changes')],
      rows.filter(a => !actor || a.actor === actor).reverse().slice(0, 500).map(a => h('tr', h('td', time(a.at)), h('td', a.actor, h('br'), h('small', (a.roles || []).join(','))),
        h('td', a.action), h('td', a.target || '—'), h('td.num', a.status), h('td', h('code.changes', JSON.stringify(a.changes || {}).slice(0, 300)))))));
  }
  return { update };
}
