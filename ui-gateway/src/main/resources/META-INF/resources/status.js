// Minimal console until the web UI replaces it: sign-in (cookie session), first sign-in, system status.
const $ = id => document.getElementById(id);

function csrf() {
  const m = document.cookie.match(/(?:^|; )ce_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json', 'X-CE-Session': 'cookie' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf();
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function show(view) {
  for (const id of ['login', 'first-login', 'status']) $(id).hidden = id !== view;
  $('logout').hidden = view === 'login';
}

function problem(res) {
  const errors = res.body?.errors?.map(e => `${e.field}: ${e.message}`).join('; ');
  return errors || res.body?.detail || `HTTP ${res.status}`;
}

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (cls) td.className = cls;
  return td;
}

let timer;
async function start() {
  $('error').textContent = '';
  let me = await api('GET', '/api/auth/me');
  if (me.status === 401) {
    const refreshed = await api('POST', '/api/auth/refresh');
    if (refreshed.status === 200) me = await api('GET', '/api/auth/me');
  }
  if (me.status !== 200) {
    $('summary').textContent = 'Sign in to see the state of the suite.';
    show('login');
    return;
  }
  if (me.body.pending?.length) {
    $('summary').textContent = `Signed in as ${me.body.username}; one step is left.`;
    $('eula-field').hidden = !me.body.pending.includes('eula');
    show('first-login');
    return;
  }
  show('status');
  await refresh();
  clearInterval(timer);
  timer = setInterval(refresh, 10000);
}

async function refresh() {
  const res = await api('GET', '/api/system/status');
  if (res.status === 401) return start();
  if (res.status !== 200) {
    $('summary').textContent = 'The status could not be read: ' + problem(res);
    $('summary').className = 'DOWN';
    return;
  }
  const body = res.body;
  $('summary').textContent = body.summary;
  $('summary').className = body.status;
  $('installation').textContent = body.installation?.id ?? '–';
  $('checked').textContent = new Date(body.checkedAt).toLocaleTimeString();
  $('services').replaceChildren(...body.services.map(s => {
    const tr = document.createElement('tr');
    const bus = s.bus == null ? 'not on the bus' : s.bus.reached ? `${s.bus.roundTripMillis} ms` : 'no answer';
    const checks = Object.entries(s.checks || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    tr.append(cell(s.name), cell(s.health, s.health), cell(bus, s.bus && !s.bus.reached ? 'no' : ''),
      cell(s.version), cell(checks), cell(s.detail));
    return tr;
  }));
}

$('login').addEventListener('submit', async e => {
  e.preventDefault();
  const form = new FormData(e.target);
  const res = await api('POST', '/api/auth/login', { username: form.get('username'), password: form.get('password') });
  if (res.status !== 200) { $('error').textContent = problem(res); return; }
  e.target.reset();
  start();
});

$('first-login').addEventListener('submit', async e => {
  e.preventDefault();
  const form = new FormData(e.target);
  const res = await api('POST', '/api/auth/first-login',
    { acceptEula: form.get('acceptEula') === 'on', newPassword: form.get('newPassword') });
  if (res.status !== 200) { $('error').textContent = problem(res); return; }
  e.target.reset();
  start();
});

$('logout').addEventListener('click', async () => {
  clearInterval(timer);
  await api('POST', '/api/auth/logout');
  start();
});

start();
