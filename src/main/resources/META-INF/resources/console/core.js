// The console's small core: DOM building, the API client, the session, times in the configured zone.
import { t, lang } from './i18n.js';

export const state = { session: null, offsetMs: 0 };

/** h('tag.class#id', {attrs, on: {click}}, ...children): text children are text nodes, never HTML. */
export function h(spec, attrs, ...children) {
  const [, tag = 'div', rest = ''] = /^([a-z0-9]*)(.*)$/.exec(spec);
  const el = document.createElement(tag || 'div');
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  // anything but a plain object is a child (0 and '' included), so h('b', 0) shows 0
  if (attrs !== undefined && (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    // through the CSSOM: the Content-Security-Policy refuses style attributes (style-src has no 'unsafe-inline')
    else if (k === 'style' && typeof v === 'string') {
      for (const decl of v.split(';')) {
        const i = decl.indexOf(':');
        if (i > 0) el.style.setProperty(decl.slice(0, i).trim(), decl.slice(i + 1).trim());
      }
    }
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || ('HTTP ' + status));
    this.status = status;
    this.errors = (body && body.errors) || [];
  }
}

/** Calls the public API with the session cookie; 401 sends the user back to the login form. */
export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { 'X-Requested-With': 'emcomm-console', Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/console/session')) window.dispatchEvent(new Event('emcomm:logged-out'));
    throw new Problem(res.status, typeof data === 'object' ? data : null);
  }
  return data;
}

export const get = (path) => api('GET', path);

/** Whether the user's roles allow this changing call, e.g. can('POST /api/incidents/{id}/acknowledge'). */
export function can(call) {
  return !!state.session && state.session.allowed.includes(call);
}

export function zone() { return (state.session && state.session.zone) || 'UTC'; }

export function serverNow() { return Date.now() + state.offsetMs; }

const formats = {};
function format(kind) {
  const key = kind + lang();
  if (!formats[key]) {
    const opts = { timeZone: zone(), hourCycle: 'h23' };
    if (kind === 'full') Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    if (kind === 'short') Object.assign(opts, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    if (kind === 'clock') Object.assign(opts, { hour: '2-digit', minute: '2-digit' });
    if (kind === 'day') Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit' });
    // zh: 2026/11/21 17:05:07; en: ISO-like 2026-11-21 17:05:07, unambiguous for every reader
    formats[key] = new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'sv-SE', opts);
  }
  return formats[key];
}
export function resetFormats() { for (const k of Object.keys(formats)) delete formats[k]; }

/** An ISO time from the API, shown in the configured zone. */
export function time(iso, kind = 'full') {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : format(kind).format(d);
}

/** The zone's wall clock for a datetime-local input, and back to an ISO time with the zone's offset. */
export function localInput(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: zone(), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(ms)).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function zonedIso(local) {
  if (!local) return undefined;
  const guess = new Date(local + 'Z').getTime();
  const shown = new Date(localInput(guess) + 'Z').getTime();
  const offsetMin = Math.round((shown - guess) / 60000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function duration(seconds) {
  const s = Math.abs(Math.round(seconds));
  const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
  const text = (hh ? hh + ':' + String(mm).padStart(2, '0') : String(mm)) + ':' + String(ss).padStart(2, '0');
  return seconds < 0 ? '-' + text : text;
}

export function flash(text, kind = 'ok') {
  const box = document.getElementById('flash');
  const item = h('div.flash.' + kind, text);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** Shows a refused call next to the fields it names, and in the flash line. */
export function showProblem(form, e) {
  if (form) {
    form.querySelectorAll('.field-error').forEach(x => x.remove());
    for (const err of (e.errors || [])) {
      const root = String(err.field || '').replace(/\[.*$/, '').split('.')[0];
      const input = form.querySelector(`[name="${CSS.escape(root)}"]`);
      const msg = h('div.field-error', err.message);
      if (input) input.closest('label, .row, div')?.append(msg); else form.prepend(msg);
    }
  }
  flash(e.status === 403 ? t('forbidden') : e.message, 'error');
}

/** Runs a changing call with a busy button: disabled, "…" while waiting, problem shown on failure. */
export async function act(button, form, fn, done) {
  const label = button.textContent;
  button.disabled = true;
  button.classList.add('busy');
  button.textContent = label + ' …';
  try {
    const out = await fn();
    if (form) form.querySelectorAll('.field-error').forEach(x => x.remove());
    if (done) flash(done);
    refreshSoon();
    return out;
  } catch (e) {
    if (e instanceof Problem) showProblem(form, e); else flash(String(e), 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.classList.remove('busy');
    button.textContent = label;
  }
}

/** Asks the page to redraw its data now (after an action, or when a filter changes). */
export function refreshSoon() { window.dispatchEvent(new Event('emcomm:changed')); }

/** A record's journal history ({at, actor, text, type}), newest first. */
export function history(entries) {
  return table([t('col.at'), t('col.actor'), t('col.what')],
    [...(entries || [])].reverse().map(e => h('tr', h('td', time(e.at)), h('td', e.actor || '—'), h('td', e.text || e.type))));
}

/** A status word as a coloured badge with its translation. */
export function badge(value, group) {
  if (value === null || value === undefined) return '—';
  return h('span.badge.' + String(value).toLowerCase().replace(/[^a-z0-9]+/g, '-'), { dataset: { value } }, t(group + '.' + value, value));
}

export function table(headers, rows, empty) {
  if (!rows.length) return h('p.empty', empty || t('none'));
  return h('table', h('thead', h('tr', headers.map(x => h('th', x)))), h('tbody', rows));
}

export function field(labelText, input, hint) {
  return h('label.row', h('span', labelText), input, hint ? h('small', hint) : null);
}

export function select(name, options, attrs = {}) {
  return h('select', Object.assign({ name }, attrs), options.map(([value, text]) => h('option', { value }, text)));
}

export function lines(text) { return String(text || '').split('\n').map(s => s.trim()).filter(Boolean); }

export function formValue(form, name) {
  const el = form.elements[name];
  if (!el) return undefined;
  if (el.multiple) return [...el.selectedOptions].map(o => o.value);
  const v = el.value.trim();
  return v === '' ? undefined : v;
}

export function regionName(id) {
  const r = state.session && state.session.topology.regions.find(x => x.id === id);
  return r ? r.name : id;
}

export function placeName(kind, id) {
  const list = state.session ? state.session.topology[kind] : [];
  const p = list.find(x => x.id === id);
  return p ? p.name : id;
}
