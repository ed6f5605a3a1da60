// Traps (operator, reviewer, admin): the last ones received with what came of each, the unknown ones recorded across
// restarts, and those refused at the door; named from the MIB files (emcomm.mibs.dir) or the profiles where known.
import { t } from '../i18n.js';
import { h, replace, get, time, table, select, refreshSoon } from '../core.js';

function named(oid, name) {
  return name ? h('span', { title: oid }, name) : h('code', oid);
}

export function mount(root) {
  const filters = h('form.filters#trap-filters',
    select('kind', [['', t('traps.recent')], ['unknown', t('traps.unknown')], ['rejected', t('traps.rejected')]]));
  filters.addEventListener('change', refreshSoon);
  const counts = h('p.muted#trap-counts');
  const body = h('div.card#trap-list');
  root.append(h('div.head', h('h1', t('nav.traps'))), counts, filters, body);

  async function update() {
    const kind = filters.elements.kind.value;
    const r = await get('/api/traps' + (kind ? '?' + kind + '=true' : ''));
    const rejected = Object.entries(r.rejected || {}).map(([k, v]) => `${k} ${v}`).join(', ');
    replace(counts, `${t('traps.unknownTotal')} ${r.unknownTotal} · ${t('traps.dropped')} ${r.dropped} · ${t('traps.rejected')} ${rejected || 0}`);
    if (kind === 'rejected') {
      replace(body, table([t('col.at'), t('traps.source'), t('traps.version'), t('traps.level'), t('traps.user'), t('col.reason')],
        (r.refused || []).map(x => h('tr', h('td', time(x.at)), h('td', x.source || '—'), h('td', x.version), h('td', x.securityLevel),
          h('td', x.user || '—'), h('td', x.reason)))));
      return;
    }
    replace(body, table([t('col.at'), t('traps.source'), t('traps.trap'), t('traps.outcome'), t('col.terminal'), t('col.reason'), t('traps.varbinds')],
      (r.traps || []).slice(0, 500).map(x => h('tr', { dataset: { oid: x.oid } },
        h('td', time(x.at)), h('td', x.agentAddress || x.source), h('td', named(x.oid, x.name)),
        h('td', h('span.badge.' + String(x.outcome).toLowerCase().split(/[^a-z]/)[0], x.outcome)),
        h('td', x.terminal ? h('a', { href: '#/terminals/' + x.terminal }, x.terminal) : '—'), h('td', x.reason || ''),
        h('td', (x.varbinds || []).map(v => h('div', named(v.oid, v.name), ' = ', String(v.value).slice(0, 80))))))));
  }
  return { update };
}
