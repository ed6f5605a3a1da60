// Network overview: terminals by their coordinates, counts by region, hub and beam, filters, poll now.
import { t } from '../i18n.js';
import { h, replace, get, api, can, act, time, badge, table, select, state, regionName, placeName, refreshSoon } from '../core.js';
import { plot } from '../svg.js';

const STATES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];

export function mount(root) {
  const topo = state.session.topology;
  const filters = h('form#filters.filters',
    select('region', [['', t('all.regions')], ...topo.regions.filter(r => r.level === 'province').map(r => [r.id, r.name])]),
    select('hub', [['', t('all.hubs')], ...topo.hubs.map(x => [x.id, x.name])]),
    select('beam', [['', t('all.beams')], ...topo.beams.map(x => [x.id, x.name])]),
    select('state', [['', t('all.states')], ...STATES.map(x => [x, t('state.' + x)])]));
  filters.addEventListener('change', refreshSoon);
  const pollButton = can('POST /api/network/poll') ? h('button#poll-now', { type: 'button' }, t('overview.pollNow')) : null;
  if (pollButton) {
    pollButton.addEventListener('click', () => {
      const region = filters.elements.region.value;
      act(pollButton, null, () => api('POST', '/api/network/poll' + (region ? '?region=' + encodeURIComponent(region) : '')), t('overview.polled'));
    });
  }
  const cycle = h('p.muted#cycle');
  const tiles = h('div.tiles#tiles');
  const map = h('div.card#map');
  const down = h('div.card#not-up');
  const groups = h('div.grid3#groups');
  root.append(h('div.head', h('h1', t('nav.overview')), pollButton), cycle, filters, tiles, h('div.split', map, down), groups);

  async function update() {
    const q = new URLSearchParams();
    for (const k of ['region', 'hub', 'beam', 'state']) if (filters.elements[k].value) q.set(k, filters.elements[k].value);
    const [status, terminals] = await Promise.all([get('/api/network/status'), get('/api/terminals?' + q)]);
    const counts = { total: terminals.length };
    for (const st of STATES) counts[st] = terminals.filter(x => x.state === st).length;
    replace(tiles, h('div.tile', h('b', counts.total), h('span', t('overview.terminals'))),
      STATES.map(st => h('div.tile.' + st.toLowerCase(), { dataset: { state: st } }, h('b', counts[st]), h('span', t('state.' + st)))));
    const last = status.polling && status.polling.lastCycle;
    replace(cycle, last ? t('overview.cycle', 'last cycle') + ' ' + time(last.startedAt) + ' · ' + last.durationMs + ' ms · '
      + last.terminals + ' ' + t('overview.terminals') + ' · SNMP ' + t('overview.timeouts') + ' ' + ((status.polling.snmp || {}).timeouts ?? 0)
      : t('overview.noCycle'));
    replace(map, h('h2', t('overview.map')), plot(terminals, { href: x => '#/terminals/' + encodeURIComponent(x.id) }),
      h('p.legend', STATES.map(st => h('span.key.' + st.toLowerCase(), t('state.' + st))), h('span.muted', ' ' + t('overview.bigDots'))));
    const bad = terminals.filter(x => x.state !== 'UP').sort((a, b) => STATES.indexOf(b.state) - STATES.indexOf(a.state));
    replace(down, h('h2', t('overview.notUp'), ' (', bad.length, ')'), table([t('col.terminal'), t('col.state'), t('col.reason')],
      bad.slice(0, 40).map(x => h('tr', h('td', h('a', { href: '#/terminals/' + encodeURIComponent(x.id) }, x.id), h('br'), h('small', x.name)),
        h('td', badge(x.state, 'state')), h('td', x.reason || ''))), t('overview.allUp')));
    replace(groups, countTable(t('col.region'), status.byRegion, regionName), countTable(t('col.hub'), status.byHub, id => placeName('hubs', id)),
      countTable(t('col.beam'), status.byBeam, id => placeName('beams', id)));
  }
  return { update };
}

function countTable(title, byKey, name) {
  const rows = Object.entries(byKey || {}).map(([id, c]) => h('tr', h('td', name(id)), h('td.num', c.total), h('td.num.up', c.up),
    h('td.num.degraded', c.degraded), h('td.num.down', c.down), h('td.num.unknown', c.unknown)));
  return h('div.card', h('h2', title), table([title, t('col.total'), t('state.UP'), t('state.DEGRADED'), t('state.DOWN'), t('state.UNKNOWN')], rows));
}
