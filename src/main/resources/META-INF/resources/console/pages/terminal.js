// One terminal: inventory facts, state and its history, latest metrics, metric charts, open incidents.
import { t } from '../i18n.js';
import { h, replace, get, api, can, act, time, badge, table, select, serverNow, regionName, placeName, refreshSoon } from '../core.js';
import { lineChart } from '../svg.js';

const RANGES = { '1h': [3600, null], '6h': [6 * 3600, '1m'], '24h': [86400, '5m'], '7d': [7 * 86400, '1h'] };

export function mount(root, [id]) {
  const range = select('range', Object.keys(RANGES).map(k => [k, t('range.' + k, k)]));
  range.addEventListener('change', refreshSoon);
  const pollButton = can('POST /api/network/poll') ? h('button#poll-terminal', { type: 'button' }, t('terminal.pollNow')) : null;
  if (pollButton) pollButton.addEventListener('click', () =>
    act(pollButton, null, () => api('POST', '/api/network/poll?terminal=' + encodeURIComponent(id)), t('overview.polled')));
  const head = h('div.head');
  const facts = h('div.card#facts');
  const metrics = h('div.card#metrics');
  const charts = h('div.charts#charts');
  const history = h('div.card#history');
  const open = h('div.card#terminal-incidents');
  root.append(head, h('div.split', facts, metrics), h('div.head', h('h2', t('terminal.charts')), range), charts, h('div.split', history, open));

  async function update() {
    const [span, step] = RANGES[range.value];
    const q = new URLSearchParams({ from: new Date(serverNow() - span * 1000).toISOString(), to: new Date(serverNow()).toISOString() });
    if (step) q.set('step', step);
    const [x, samples] = await Promise.all([get('/api/terminals/' + encodeURIComponent(id)), get(`/api/terminals/${encodeURIComponent(id)}/samples?${q}`)]);
    replace(head, h('h1', x.id, ' ', h('small', x.name)), badge(x.state, 'state'), pollButton);
    replace(facts, h('h2', t('terminal.facts')), h('dl.facts',
      dt(t('col.state'), [badge(x.state, 'state'), ' ', x.reason || '']),
      dt(t('terminal.since'), time(x.since)),
      dt(t('col.region'), `${regionName(x.province)} · ${regionName(x.region)}`),
      dt(t('col.hub'), placeName('hubs', x.hub)), dt(t('col.beam'), placeName('beams', x.beam)),
      dt(t('terminal.position'), `${x.latitude.toFixed(3)}°N ${x.longitude.toFixed(3)}°E`),
      dt(t('terminal.critical'), x.critical ? t('yes') : t('no')),
      dt(t('terminal.profile'), x.profile), dt(t('terminal.lastPoll'), `${time(x.lastPoll)} (${x.lastPollStatus || '—'})`),
      dt(t('terminal.missed'), x.missedPolls)));
    replace(metrics, h('h2', t('terminal.metrics')), table([t('col.metric'), t('col.value'), t('col.status')],
      Object.entries(x.metrics || {}).map(([k, m]) => h('tr', h('td', t('metric.' + k, k)),
        h('td.num', m.label ? `${m.label} (${m.value})` : `${m.value ?? '—'} ${m.unit || ''}`), h('td', badge(m.status, 'metricStatus'))))));
    const names = Object.keys(samples.units || {});
    replace(charts, names.map(k => h('div.card', lineChart(samples.points.map(p => ({ t: new Date(p.time).getTime(), v: p.metrics ? p.metrics[k] : null })),
      { label: t('metric.' + k, k), unit: samples.units[k], timeText: ms => time(new Date(ms).toISOString(), 'short') }))));
    if (!samples.points.length) charts.append(h('p.empty', t('terminal.noSamples')));
    replace(history, h('h2', t('terminal.history')), table([t('col.at'), t('col.from'), t('col.to'), t('col.reason')],
      [...(x.history || [])].reverse().map(e => h('tr', h('td', time(e.at)), h('td', badge(e.from, 'state')), h('td', badge(e.to, 'state')), h('td', e.reason || '')))));
    replace(open, h('h2', t('terminal.incidents')), table([t('col.id'), t('col.title'), t('col.status')],
      (x.incidents || []).map(i => h('tr', h('td', h('a', { href: '#/incidents/' + i.id }, i.id)), h('td', i.title), h('td', badge(i.status, 'incident'))))));
  }
  return { update };
}

function dt(term, value) { return [h('dt', term), h('dd', value)]; }
