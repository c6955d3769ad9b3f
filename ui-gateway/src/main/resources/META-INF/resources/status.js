// Minimal status page until the web UI replaces it: renders /api/system/status.
function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (cls) td.className = cls;
  return td;
}

async function refresh() {
  const summary = document.getElementById('summary');
  try {
    const res = await fetch('/api/system/status', { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.detail || res.statusText);
    summary.textContent = body.summary;
    summary.className = body.status;
    document.getElementById('installation').textContent = body.installation?.id ?? '–';
    document.getElementById('checked').textContent = new Date(body.checkedAt).toLocaleTimeString();
    const rows = document.getElementById('services');
    rows.replaceChildren(...body.services.map(s => {
      const tr = document.createElement('tr');
      const bus = s.bus == null ? 'not on the bus' : s.bus.reached ? `${s.bus.roundTripMillis} ms` : 'no answer';
      const checks = Object.entries(s.checks || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
      tr.append(cell(s.name), cell(s.health, s.health), cell(bus, s.bus && !s.bus.reached ? 'no' : ''),
        cell(s.version), cell(checks), cell(s.detail));
      return tr;
    }));
  } catch (e) {
    summary.textContent = 'The status could not be read: ' + e.message;
    summary.className = 'DOWN';
  }
}

refresh();
setInterval(refresh, 10000);
