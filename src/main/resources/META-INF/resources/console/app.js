// Boot, login, navigation, live refresh and countdowns. Each page lives in pages/*.js and exports
// mount(root, params) → { update() } where update() re-reads the API and redraws the data parts only,
// so what a user is typing in a form survives a live refresh.
import { t, lang, setLang } from './i18n.js';
import { h, replace, api, get, state, flash, duration, serverNow, resetFormats, Problem } from './core.js';
import * as overview from './pages/overview.js';
import * as terminal from './pages/terminal.js';
import * as incidents from './pages/incidents.js';
import * as emergencies from './pages/emergencies.js';
import * as tasks from './pages/tasks.js';
import * as drills from './pages/drills.js';
import * as compliance from './pages/compliance.js';
import * as audit from './pages/audit.js';
import * as traps from './pages/traps.js';

const routes = [
  { key: 'overview', re: /^\/?$/, page: overview, nav: '#/' },
  { key: 'terminal', re: /^\/terminals\/([^/]+)$/, page: terminal },
  { key: 'incidents', re: /^\/incidents(?:\/([^/]+))?$/, page: incidents, nav: '#/incidents' },
  { key: 'emergencies', re: /^\/emergencies(?:\/([^/]+))?$/, page: emergencies, nav: '#/emergencies' },
  { key: 'tasks', re: /^\/tasks$/, page: tasks, nav: '#/tasks' },
  { key: 'drills', re: /^\/drills(?:\/([^/]+))?$/, page: drills, nav: '#/drills' },
  { key: 'compliance', re: /^\/compliance$/, page: compliance, nav: '#/compliance' },
  { key: 'traps', re: /^\/traps$/, page: traps, nav: '#/traps', roles: ['operator', 'reviewer', 'admin'] },
  { key: 'audit', re: /^\/audit$/, page: audit, nav: '#/audit', roles: ['reviewer', 'admin'] },
];

let current = null;      // { route, params, view }
let pulse = null;        // last pulse seen
let updating = false;
let again = false;

function allowed(route) {
  return !route.roles || route.roles.some(r => state.session.roles.includes(r));
}

function chrome() {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  const langButton = document.getElementById('lang');
  langButton.textContent = lang() === 'zh' ? 'English' : '中文';
  langButton.title = t('lang.switch');
  const live = document.getElementById('live');
  live.textContent = state.session ? t(live.classList.contains('off') ? 'live.offLabel' : 'live.label') : '';
  const logout = document.getElementById('logout');
  logout.textContent = t('logout');
  logout.hidden = !state.session;
  const who = document.getElementById('who');
  replace(who, state.session ? `${state.session.user} · ${state.session.roles.map(r => t('role.' + r, r)).join(', ')} · ${state.session.zone}` : '');
  const nav = document.getElementById('nav');
  replace(nav, state.session ? routes.filter(r => r.nav && allowed(r)).map(r =>
    h('a', { href: r.nav, id: 'nav-' + r.key, class: current && current.route.key === r.key ? 'active' : '' }, t('nav.' + r.key))) : []);
}

function loginPage(message) {
  state.session = null;
  current = null;
  chrome();
  const form = h('form#login.card.narrow',
    h('h1', t('login.title')),
    message ? h('p.error', message) : null,
    h('label.row', h('span', t('login.user')), h('input', { name: 'j_username', autocomplete: 'username', required: true, autofocus: true })),
    h('label.row', h('span', t('login.password')), h('input', { name: 'j_password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button#login-submit', { type: 'submit' }, t('login.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    const res = await fetch('/j_security_check', { method: 'POST', body, credentials: 'same-origin', headers: { 'X-Requested-With': 'emcomm-console' } });
    if (res.ok) await start();
    else if (res.status === 429) loginPage(t('login.throttled').replace('{s}', res.headers.get('Retry-After') || '?'));
    else loginPage(t('login.failed'));
  });
  replace(document.getElementById('main'), form);
}

async function start() {
  try {
    state.session = await api('GET', '/api/console/session');
    pulse = null;
    await beat(); // the service's clock first, so countdowns are right from the first paint
  } catch (e) {
    if (e instanceof Problem && e.status === 401) return loginPage();
    replace(document.getElementById('main'), h('p.error', String(e.message || e)));
    return;
  }
  route();
}

async function route() {
  if (!state.session) return loginPage();
  const path = decodeURIComponent(location.hash.replace(/^#/, ''));
  let match = null;
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) { match = { route: r, params: m.slice(1).filter(x => x !== undefined) }; break; }
  }
  const main = document.getElementById('main');
  if (!match || !allowed(match.route)) {
    current = null;
    chrome();
    replace(main, h('p.error', t('notFound')));
    return;
  }
  current = match;
  chrome();
  main.replaceChildren();
  main.dataset.page = match.route.key;
  current.view = match.route.page.mount(main, match.params);
  await refresh();
}

/** Redraws the current page's data; a refresh asked for while one runs (a new page, an action) runs after it. */
async function refresh() {
  if (!current || !current.view) return;
  if (updating) { again = true; return; }
  updating = true;
  try {
    do {
      again = false;
      const view = current && current.view;
      if (!view) break;
      try {
        await view.update();
        if (current && current.view === view) document.getElementById('main').dataset.loaded = String(Date.now());
      } catch (e) {
        if (!(e instanceof Problem && e.status === 401)) flash(String(e.message || e), 'error');
      }
    } while (again);
  } finally {
    updating = false;
  }
}

/** Every 3 s: the journal head and the last poll cycle. A page redraws only when one has moved. */
async function beat() {
  if (!state.session) return;
  const live = document.getElementById('live');
  try {
    const p = await get('/api/console/pulse');
    state.offsetMs = new Date(p.now).getTime() - Date.now();
    live.className = 'live on';
    live.title = t('live.on');
    live.textContent = t('live.label');
    if (pulse && (p.seq !== pulse.seq || p.lastCycle !== pulse.lastCycle)) await refresh();
    pulse = p;
  } catch (e) {
    live.className = 'live off';
    live.title = t('live.off');
    live.textContent = t('live.offLabel');
  }
}

/** Countdowns: any element with data-deadline shows the time left on the service's clock, live. */
function tick() {
  for (const el of document.querySelectorAll('[data-deadline]')) {
    const left = (new Date(el.dataset.deadline).getTime() - serverNow()) / 1000;
    el.textContent = left >= 0 ? duration(left) : t('overdueBy', 'overdue') + ' ' + duration(-left);
    el.classList.toggle('late', left < 0);
    el.classList.toggle('soon', left >= 0 && left < 600);
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  resetFormats();
  if (state.session) route(); else loginPage();
});
document.getElementById('logout').addEventListener('click', async () => {
  await fetch('/api/console/logout', { method: 'POST', credentials: 'same-origin' });
  loginPage();
});
window.addEventListener('hashchange', route);
window.addEventListener('emcomm:changed', refresh);
window.addEventListener('emcomm:logged-out', () => loginPage(t('login.expired')));
setInterval(beat, 3000);
setInterval(tick, 1000);
start();
