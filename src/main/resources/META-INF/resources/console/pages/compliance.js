// Compliance: one tile per indicator (target, actual, status, pace, warnings), the score and grade,
// deviation cause and measures, and the period report to download.
import { t, lang } from '../i18n.js';
import { h, replace, get, api, can, act, time, badge, table, select, field, formValue, serverNow, zone, refreshSoon } from '../core.js';

export function mount(root) {
  const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: zone(), year: 'numeric' }).format(new Date(serverNow())));
  const year = select('year', [0, 1, 2, 3].map(k => [String(thisYear - k), String(thisYear - k)]));
  year.addEventListener('change', refreshSoon);
  const tiles = h('div.indicators#indicators');
  const score = h('div.card#score');
  const warnings = h('div.card#warnings');
  const report = h('div.card#report');
  root.append(h('div.head', h('h1', t('nav.compliance')), year), tiles, h('div.split', score, report), warnings);
  const deviationForms = {};

  async function update() {
    const y = year.value;
    const [ind, sc, warn] = await Promise.all([get('/api/compliance/indicators?year=' + y), get('/api/compliance/score?year=' + y), get('/api/compliance/warnings?year=' + y)]);
    replace(tiles, ind.indicators.map(tile));
    replace(score, h('h2', t('compliance.score')),
      h('p.grade', h('b', `${fmt(sc.total)} / ${fmt(sc.max)}`), ' · ', t('compliance.grade'), ' ', h('span.badge.grade', lang() === 'zh' ? sc.grade.zh : sc.grade.en)),
      table([t('compliance.level'), t('compliance.indicator'), t('compliance.target'), t('compliance.actual'), t('compliance.weight'), t('compliance.points'), t('col.status')],
        sc.lines.map(l => h('tr', { dataset: { indicator: l.indicator } }, h('td', `${pick(l.level1)} / ${pick(l.level2)}`), h('td', t('indicator.' + l.indicator, l.indicator)),
          h('td.num', fmt(l.target)), h('td.num', fmt(l.actual)), h('td.num', fmt(l.weight)), h('td.num', l.score === null ? '—' : fmt(l.score)), h('td', badge(l.status, 'indicator'))))),
      sc.lines.filter(l => l.deviation).map(l => h('p.muted', h('b', t('indicator.' + l.indicator, l.indicator)), ': ', l.deviation.cause, ' → ', l.deviation.measures)),
      deviationEditor(sc, y, deviationForms));
    const reportPath = '/api/compliance/report?year=' + y;
    replace(report, h('h2', t('compliance.report')), h('p', t('compliance.reportHint')),
      h('p.downloads', ['pdf', 'csv', 'json'].map(f => [h('a.button.download', { href: `${reportPath}&format=${f}`, download: `compliance-${y}.${f}`, dataset: { format: f } }, f.toUpperCase()), ' '])));
    replace(warnings, h('h2', t('compliance.warnings')), table([t('col.at'), t('compliance.indicator'), t('col.status'), t('col.what')],
      [...(warn.changes || warn || [])].reverse().slice(0, 30).map(w => h('tr', h('td', time(w.at)), h('td', t('indicator.' + w.indicator, w.indicator)),
        h('td', badge(w.to || w.status, 'indicator')), h('td', (w.warnings || []).join('; '))))));
  }
  return { update };
}

function tile(i) {
  const pct = i.unit === 'share';
  const show = v => v === null || v === undefined ? '—' : pct ? (Math.round(v * 1000) / 10) + ' %' : fmt(v);
  const dir = i.direction === 'AT_LEAST' ? '≥' : i.direction === 'AT_MOST' ? '≤' : '≥';
  const p = i.pace;
  return h('div.card.indicator.' + i.status.toLowerCase().replace('_', '-'), { dataset: { indicator: i.id, status: i.status } },
    h('h3', lang() === 'zh' ? i.zh : i.en),
    h('div.big', show(i.actual)), h('div.muted', t('compliance.target'), ' ', dir, ' ', show(i.target)),
    badge(i.status, 'indicator'),
    p ? h('div.pace', t('drill.expectedByNow'), ' ', p.expectedByNow, ' · ', t('drill.reachable'), ' ', p.reachable, ' · ', t('drill.projected'), ' ', p.projectedAtUsualRate,
      h('div.progress', h('div.done', { style: `width:${Math.min(100, 100 * p.done / i.target)}%` }), h('div.expected', { style: `left:${Math.min(100, 100 * p.expectedByNow / i.target)}%` }))) : null,
    (i.warnings || []).map(w => h('p.warning', w)));
}

function deviationEditor(sc, year, forms) {
  if (!can('PUT /api/compliance/deviations/{indicator}')) return null;
  const open = sc.lines.filter(l => l.weight > 0 && l.score !== null && l.score < l.weight);
  if (!open.length) return null;
  const key = year + open.map(l => l.indicator).join();
  if (forms[key]) return forms[key];
  const form = h('form#deviation-form', h('h3', t('compliance.deviation')),
    field(t('compliance.indicator'), select('indicator', open.map(l => [l.indicator, t('indicator.' + l.indicator, l.indicator)]))),
    field(t('compliance.cause'), h('textarea', { name: 'cause', rows: 2 })),
    field(t('compliance.measures'), h('textarea', { name: 'measures', rows: 2 })));
  const b = h('button', { type: 'submit' }, t('compliance.do.deviation'));
  form.append(b);
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    act(b, form, () => api('PUT', `/api/compliance/deviations/${formValue(form, 'indicator')}?year=${year}`,
      { cause: formValue(form, 'cause'), measures: formValue(form, 'measures') }), t('compliance.done.deviation'));
  });
  forms[key] = form;
  return form;
}

function pick(x) { return x ? (lang() === 'zh' ? x.zh : x.en) : '—'; }
function fmt(v) { return v === null || v === undefined ? '—' : Math.round(v * 100) / 100; }
