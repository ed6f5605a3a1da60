// Hand-drawn SVG: the coordinate plot of terminals and the metric line charts. No tiles, no library.
const NS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Terminals placed by longitude/latitude (equirectangular, scaled by the cosine of the mean latitude), coloured by state. */
export function plot(terminals, { width = 920, height = 520, href }) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'plot', role: 'img' });
  if (!terminals.length) return svg;
  const lons = terminals.map(x => x.longitude), lats = terminals.map(x => x.latitude);
  let [x0, x1, y0, y1] = [Math.min(...lons) - 1.5, Math.max(...lons) + 1.5, Math.min(...lats) - 1.5, Math.max(...lats) + 1.5];
  const k = Math.cos(((y0 + y1) / 2) * Math.PI / 180);
  const scale = Math.min((width - 40) / ((x1 - x0) * k), (height - 30) / (y1 - y0));
  const left = 30 + ((width - 40) - (x1 - x0) * k * scale) / 2; // centred when the height limits the scale
  const px = lon => left + (lon - x0) * k * scale;
  const py = lat => height - 20 - (lat - y0) * scale;
  const grid = s('g', { class: 'grid' });
  for (let lon = Math.ceil(x0 / 5) * 5; lon <= x1; lon += 5) {
    grid.append(s('line', { x1: px(lon), x2: px(lon), y1: py(y0), y2: py(y1) }), s('text', { x: px(lon) + 2, y: height - 6 }, lon + '°E'));
  }
  for (let lat = Math.ceil(y0 / 5) * 5; lat <= y1; lat += 5) {
    grid.append(s('line', { x1: px(x0), x2: px(x1), y1: py(lat), y2: py(lat) }), s('text', { x: 2, y: py(lat) - 2 }, lat + '°N'));
  }
  svg.append(grid);
  // DOWN last, so a failed terminal is never hidden under a healthy neighbour.
  const order = { UP: 0, UNKNOWN: 1, DEGRADED: 2, DOWN: 3 };
  for (const x of [...terminals].sort((a, b) => order[a.state] - order[b.state])) {
    const dot = s('circle', { cx: px(x.longitude).toFixed(1), cy: py(x.latitude).toFixed(1), r: x.critical ? 5 : 3.5,
      class: 'dot ' + x.state.toLowerCase(), 'data-terminal': x.id },
      s('title', {}, `${x.id} ${x.name}\n${x.state}: ${x.reason || ''}`));
    svg.append(href ? s('a', { href: href(x) }, dot) : dot);
  }
  return svg;
}

/** A line chart of one metric over time; gaps (missing values) break the line. */
export function lineChart(points, { width = 440, height = 150, unit = '', label = '', timeText }) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img' });
  svg.append(s('text', { x: 4, y: 12, class: 'chart-title' }, label + (unit ? ` (${unit})` : '')));
  const vals = points.filter(p => p.v !== null && p.v !== undefined && !isNaN(p.v));
  if (vals.length === 0) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, '—'));
    return svg;
  }
  const t0 = Math.min(...vals.map(p => p.t)), t1 = Math.max(...vals.map(p => p.t));
  let v0 = Math.min(...vals.map(p => p.v)), v1 = Math.max(...vals.map(p => p.v));
  if (v0 === v1) { v0 -= 1; v1 += 1; }
  const L = 40, R = 8, T = 18, B = 18;
  const x = tm => L + (t1 === t0 ? (width - L - R) / 2 : (tm - t0) / (t1 - t0) * (width - L - R));
  const y = v => T + (1 - (v - v0) / (v1 - v0)) * (height - T - B);
  svg.append(s('line', { x1: L, x2: width - R, y1: y(v0), y2: y(v0), class: 'axis' }));
  svg.append(s('text', { x: L - 4, y: y(v1) + 4, 'text-anchor': 'end', class: 'tick' }, round(v1)));
  svg.append(s('text', { x: L - 4, y: y(v0), 'text-anchor': 'end', class: 'tick' }, round(v0)));
  svg.append(s('text', { x: L, y: height - 4, class: 'tick' }, timeText(t0)));
  svg.append(s('text', { x: width - R, y: height - 4, 'text-anchor': 'end', class: 'tick' }, timeText(t1)));
  let d = '', pen = false;
  for (const p of points) {
    if (p.v === null || p.v === undefined || isNaN(p.v)) { pen = false; continue; }
    d += (pen ? 'L' : 'M') + x(p.t).toFixed(1) + ' ' + y(p.v).toFixed(1) + ' ';
    pen = true;
  }
  svg.append(s('path', { d, class: 'line' }));
  if (vals.length === 1) svg.append(s('circle', { cx: x(vals[0].t), cy: y(vals[0].v), r: 3, class: 'line-dot' }));
  return svg;
}

function round(v) { return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10; }
