// docstore console: a page with no framework. Every piece of data from the target (cache names, keys, documents,
// messages) reaches the page through textContent or attribute setters, never as HTML, so a cache named
// <script>...</script> shows as those characters.
'use strict';

const state = { csrfToken: null, timers: [], notificationsAfter: 0 };
const REFRESH_MS = 2000;

// ---- DOM helpers: text only --------------------------------------------------------------------------------------

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'onclick' || name === 'onsubmit' || name === 'onchange') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const svgNs = 'http://www.w3.org/2000/svg';
function svg(tag, attributes) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  return node;
}

function view() { return document.getElementById('view'); }

function show(...nodes) {
  const target = view();
  target.replaceChildren(...nodes);
}

function message(text, isError) {
  const box = document.getElementById('message');
  box.textContent = text || '';
  box.className = isError ? 'message error' : 'message';
  box.hidden = !text;
}

function formatNumber(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 0 : digits });
}

function formatTime(millis) {
  return new Date(millis).toLocaleTimeString('en-GB', { hour12: false });
}

// ---- API -------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, text) { super(text); this.status = status; }
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': state.csrfToken },
    body: JSON.stringify(body),
  };
  const response = await fetch('/api/' + path, options);
  let payload = null;
  try { payload = await response.json(); } catch (ignored) { payload = null; }
  if (!response.ok) {
    const text = payload && payload.error ? payload.error : response.status + ' ' + response.statusText;
    if (response.status === 503) setBanner(text);
    throw new ApiError(response.status, text);
  }
  return payload;
}

function query(params) {
  return Object.entries(params).map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

function setBanner(text) {
  const banner = document.getElementById('banner');
  banner.textContent = text || '';
  banner.hidden = !text;
}

async function refreshSession() {
  const session = await api('session');
  state.csrfToken = session.csrfToken;
  const target = document.getElementById('target');
  if (session.target) {
    target.textContent = 'JVM: ' + session.target.description;
    setBanner(session.target.lost ? 'The JVM ' + session.target.description + ' is no longer reachable ('
      + session.target.lost + '). Connect again or choose another JVM.' : '');
  } else {
    target.textContent = 'not connected';
    setBanner('');
  }
  return session;
}

// ---- routing ---------------------------------------------------------------------------------------------------

function every(ms, task) {
  task();
  state.timers.push(setInterval(task, ms));
}

function stopTimers() {
  state.timers.forEach(clearInterval);
  state.timers = [];
}

async function route() {
  stopTimers();
  message('');
  const hash = location.hash || '#/';
  const [path, search] = hash.substring(1).split('?');
  const params = new URLSearchParams(search || '');
  for (const link of document.querySelectorAll('header nav a')) {
    link.classList.toggle('active', link.getAttribute('href') === '#' + path);
  }
  try {
    if (path === '/cache') await cachePage(params.get('manager'), params.get('cache'));
    else if (path === '/notifications') notificationsPage();
    else if (path === '/connect') await connectPage();
    else await cachesPage();
  } catch (error) {
    show(el('h1', {}, 'Could not load the page'), el('p', { id: 'page-error', className: 'bad' }, error.message));
  }
}

// ---- caches ----------------------------------------------------------------------------------------------------

function cacheLink(manager, cache) {
  return '#/cache?' + query({ manager, cache });
}

async function cachesPage() {
  const body = el('tbody');
  const table = el('table', { id: 'caches' },
    el('thead', {}, el('tr', {}, ['Manager', 'Cache', 'Provider', 'Key type', 'Value type', 'Store by value',
      'Statistics', 'Documents', 'Indexes'].map((h, i) => el('th', { className: i >= 7 ? 'number' : '' }, h)))),
    body);
  const empty = el('p', { id: 'caches-empty', className: 'muted', hidden: true },
    'No managed caches in this JVM. A cache shows here when its management or statistics are enabled.');
  show(el('h1', {}, 'Caches'), el('section', {}, table, empty));
  const session = await refreshSession();
  if (!session.target) {
    show(el('h1', {}, 'Caches'), el('section', {}, el('p', { id: 'not-connected' }, 'Not connected to a JVM. ',
      el('a', { href: '#/connect' }, 'Connect to one'), '.')));
    return;
  }
  const caches = await api('caches');
  empty.hidden = caches.length > 0;
  body.replaceChildren(...caches.map(cache => {
    const configuration = cache.configuration || {};
    return el('tr', { 'data-cache': cache.name },
      el('td', {}, cache.manager),
      el('td', {}, el('a', { href: cacheLink(cache.manager, cache.name), className: 'cache-link' }, cache.name)),
      el('td', {}, cache.docstore ? 'docstore' : 'JCache'),
      el('td', {}, configuration.KeyType || '–'),
      el('td', {}, configuration.ValueType || '–'),
      el('td', {}, configuration.StoreByValue === undefined ? '–' : String(configuration.StoreByValue)),
      el('td', {}, cache.statistics ? 'on' : 'off'),
      el('td', { className: 'number' }, cache.figures ? formatNumber(cache.figures.DocumentCount) : '–'),
      el('td', { className: 'number' }, cache.docstore ? formatNumber(cache.indexCount) : '–'));
  }));
}

// ---- one cache -------------------------------------------------------------------------------------------------

const CHARTS = [
  { id: 'chart-operations', title: 'Operations per second',
    series: [['getsPerSecond', 'gets'], ['putsPerSecond', 'puts'], ['removalsPerSecond', 'removals'],
      ['evictionsPerSecond', 'evictions']] },
  { id: 'chart-hit-ratio', title: 'Hit ratio (%)', series: [['hitRatio', 'hit ratio']], max: 100 },
  { id: 'chart-times', title: 'Average time (µs)',
    series: [['averageGetMicros', 'get'], ['averagePutMicros', 'put'], ['averageRemoveMicros', 'remove']] },
];

async function cachePage(manager, cache) {
  if (!manager || !cache) throw new Error('the address names no cache');
  await refreshSession();
  const ref = { manager, cache };
  let refresh = null;
  const figures = el('div', { className: 'figures', id: 'figures' });
  const charts = el('div', { className: 'charts' }, CHARTS.map(chart => el('div', { className: 'chart' },
    el('h3', {}, chart.title), svg('svg', { id: chart.id, viewBox: '0 0 400 150', preserveAspectRatio: 'none',
      'data-samples': 0 }),
    el('div', { className: 'legend' }, chart.series.map(([, label], i) =>
      el('span', {}, el('span', { className: 'swatch series-' + i }), label))))));
  const configuration = el('table', { id: 'configuration' });
  const indexes = el('tbody');
  const indexSection = el('section', { id: 'index-section' },
    el('h2', {}, 'Indexes'),
    el('table', { id: 'indexes' }, el('thead', {}, el('tr', {}, ['Name', 'Paths', 'Unique', 'Ready', 'Entries',
      'Distinct keys', 'Bytes (est.)', 'Unindexable', 'Lookups', 'Range scans', 'Mean µs', 'p99 µs', '']
      .map((h, i) => el('th', { className: i >= 4 && i < 12 ? 'number' : '' }, h)))), indexes),
    createIndexForm(ref, () => refresh()));
  const querySection = queryRunner(ref);
  const bound = boundEditor(ref, () => refresh());
  const transfer = transferSection(ref, () => refresh());
  show(el('h1', { id: 'cache-name' }, cache), el('p', { className: 'muted' }, 'manager ', manager),
    el('section', {}, el('h2', {}, 'Statistics'), figures, charts,
      el('p', { className: 'muted', id: 'stats-note' }, 'Sampled every second; the charts show the last 10 minutes.')),
    bound.section, transfer.section, indexSection, querySection,
    el('section', {}, el('h2', {}, 'Configuration'), configuration));

  let described = null;
  refresh = async () => {
    try {
      const [details, stats] = await Promise.all([api('cache?' + query(ref)), api('stats?' + query(ref))]);
      described = details;
      renderFigures(figures, details, stats);
      CHARTS.forEach(chart => drawChart(document.getElementById(chart.id), chart, stats.points));
      renderConfiguration(configuration, details);
      bound.render(details);
      transfer.render(details);
      renderIndexes(indexes, ref, details.indexes, refresh);
      indexSection.hidden = !details.docstore;
      querySection.hidden = !details.docstore;
      updateIndexChoices(querySection, details.indexes);
    } catch (error) {
      if (error.status !== 503) message(error.message, true);
    }
  };
  every(REFRESH_MS, refresh);
  return described;
}

function renderFigures(container, details, stats) {
  const latest = stats.latest;
  const items = [];
  if (latest) {
    const ratio = latest.gets === 0 ? null : 100 * latest.hits / latest.gets;
    items.push(['Gets', formatNumber(latest.gets)], ['Hits', formatNumber(latest.hits)],
      ['Misses', formatNumber(latest.misses)], ['Hit ratio', ratio === null ? '–' : formatNumber(ratio, 1) + ' %'],
      ['Puts', formatNumber(latest.puts)], ['Removals', formatNumber(latest.removals)],
      ['Evictions', formatNumber(latest.evictions)], ['Avg get µs', formatNumber(latest.averageGetMicros, 2)],
      ['Avg put µs', formatNumber(latest.averagePutMicros, 2)],
      ['Avg remove µs', formatNumber(latest.averageRemoveMicros, 2)]);
  } else if (!details.statistics) {
    items.push(['Statistics', 'off']);
  }
  if (details.figures) {
    items.push(['Documents', formatNumber(details.figures.DocumentCount)],
      ['Retained versions', formatNumber(details.figures.RetainedVersions)],
      ['Open snapshots', formatNumber(details.figures.OpenSnapshots)],
      ['Documents MB (est.)', formatNumber(details.figures.EstimatedDocumentBytes / 1048576, 1)],
      ['Indexes MB (est.)', formatNumber(details.figures.EstimatedIndexBytes / 1048576, 1)]);
  }
  container.replaceChildren(...items.map(([label, value]) => el('div', { className: 'figure' },
    el('div', { className: 'label' }, label), el('div', { className: 'value' }, value))));
}

function drawChart(node, chart, points) {
  const width = 400, height = 150, left = 34, bottom = 14;
  node.replaceChildren();
  node.setAttribute('data-samples', points.length);
  let max = chart.max || 0;
  for (const point of points) for (const [field] of chart.series) max = Math.max(max, point[field] || 0);
  max = max <= 0 ? 1 : niceCeiling(max);
  for (let i = 0; i <= 2; i++) {
    const y = (height - bottom) * i / 2;
    node.append(svg('line', { x1: left, x2: width, y1: y + 0.5, y2: y + 0.5, class: 'grid' }));
    const label = svg('text', { x: 2, y: Math.max(9, y + 3), class: 'axis-label' });
    label.textContent = formatNumber(max * (2 - i) / 2, max < 10 ? 1 : 0);
    node.append(label);
  }
  if (points.length > 0) {
    const first = points[0].millis, last = points[points.length - 1].millis;
    const span = Math.max(1, last - first);
    const time = svg('text', { x: left, y: height - 2, class: 'axis-label' });
    time.textContent = formatTime(first) + ' – ' + formatTime(last);
    node.append(time);
    chart.series.forEach(([field], i) => {
      const coordinates = points.filter(point => point[field] !== null && point[field] !== undefined)
        .map(point => {
          const x = left + (width - left) * (points.length === 1 ? 1 : (point.millis - first) / span);
          const y = (height - bottom) * (1 - point[field] / max);
          return x.toFixed(1) + ',' + y.toFixed(1);
        });
      if (coordinates.length > 0) {
        node.append(svg('polyline', { points: coordinates.join(' '), class: 'series-' + i,
          'data-series': field }));
      }
    });
  }
}

function niceCeiling(value) {
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

function renderConfiguration(table, details) {
  const rows = Object.entries(details.configuration || {});
  table.replaceChildren(...rows.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, String(value)))));
}

function renderIndexes(body, ref, indexes, refresh) {
  body.replaceChildren(...(indexes || []).map(index => el('tr', { 'data-index': index.name },
    el('td', {}, index.name),
    el('td', {}, (index.paths || []).join(', ')),
    el('td', {}, index.unique ? 'yes' : 'no'),
    el('td', {}, index.ready ? 'yes' : 'building'),
    ...['entries', 'distinctKeys', 'estimatedBytes', 'unindexable', 'lookups', 'rangeScans']
      .map(field => el('td', { className: 'number' }, formatNumber(index[field]))),
    el('td', { className: 'number' }, formatNumber(index.meanQueryMicros, 1)),
    el('td', { className: 'number' }, formatNumber(index.p99QueryMicros, 1)),
    el('td', { className: 'actions' },
      el('button', { className: 'secondary rebuild', type: 'button', onclick: () => indexAction('rebuild', ref,
        index.name, refresh) }, 'Rebuild'), ' ',
      el('button', { className: 'danger drop', type: 'button', onclick: () => {
        if (confirm('Drop index ' + index.name + '?')) indexAction('drop', ref, index.name, refresh);
      } }, 'Drop')))));
}

async function indexAction(action, ref, name, refresh) {
  try {
    const result = await api('index/' + action, { ...ref, name });
    message(action === 'drop' ? 'Dropped index ' + name + '.' : result.summary);
    await refresh();
  } catch (error) {
    message(error.message, true);
  }
}

function createIndexForm(ref, refresh) {
  const name = el('input', { type: 'text', id: 'new-index-name', placeholder: 'byCustomer', required: true });
  const paths = el('input', { type: 'text', id: 'new-index-paths', className: 'wide',
    placeholder: 'customer   (several: address.city, status; lists: tags[])', required: true });
  const unique = el('input', { type: 'checkbox', id: 'new-index-unique' });
  const form = el('form', { className: 'inline', id: 'create-index' },
    el('label', {}, 'Name', name), el('label', {}, 'Paths (comma-separated)', paths),
    el('label', { className: 'check' }, unique, 'unique'),
    el('button', { type: 'submit', id: 'create-index-button' }, 'Create index'));
  form.onsubmit = async event => {
    event.preventDefault();
    try {
      const result = await api('index/create', { ...ref, name: name.value.trim(),
        paths: paths.value.split(',').map(p => p.trim()).filter(p => p.length > 0), unique: unique.checked });
      message(result.summary);
      name.value = '';
      paths.value = '';
      await refresh();
    } catch (error) {
      message(error.message, true);
    }
  };
  return el('div', {}, el('h2', {}, 'Create an index'), form);
}

// ---- bound -----------------------------------------------------------------------------------------------------

const BOUND_UNITS = { size: 'entries', weight: 'weight units' };

/**
 * The cache's bound: what its entries take against the maximum, and a form to change the maximum. Built once per
 * page; each refresh only updates the text and the meter, so the operator's typing survives the re-renders.
 */
function boundEditor(ref, refresh) {
  const usage = el('p', { id: 'bound-usage' });
  const meter = el('meter', { id: 'bound-meter', min: 0, max: 1, value: 0 });
  const maximum = el('input', { type: 'number', id: 'bound-maximum', min: 1, step: 1, required: true });
  const form = el('form', { className: 'inline', id: 'bound-form' },
    el('label', {}, 'New maximum', maximum), el('button', { type: 'submit', id: 'bound-set' }, 'Set bound'));
  const note = el('p', { className: 'muted', id: 'bound-note' }, 'A lower maximum evicts down to it at once, as '
    + 'the policy chooses; evictions show in the chart and as REMOVED to listeners.');
  form.onsubmit = async event => {
    event.preventDefault();
    const wanted = Number(maximum.value);
    try {
      const result = await api('bound/set', { ...ref, maximum: Number.isInteger(wanted) ? wanted : maximum.value });
      message('Bound set to ' + formatNumber(result.maximum) + ' ' + BOUND_UNITS[result.kind] + '.');
      maximum.value = '';
      await refresh();
    } catch (error) {
      message(error.message, true);
    }
  };
  const section = el('section', { id: 'bound-section', hidden: true }, el('h2', {}, 'Bound'), usage, meter, form,
    note);
  const render = details => {
    const bound = details.bound;
    section.hidden = !details.docstore || !bound;
    if (section.hidden) return;
    const bounded = bound.kind === 'size' || bound.kind === 'weight';
    section.setAttribute('data-kind', bound.kind);
    usage.textContent = bounded
      ? formatNumber(bound.weightedSize) + ' of ' + formatNumber(bound.maximum) + ' ' + BOUND_UNITS[bound.kind]
        + ' (bounded by ' + bound.kind + ')'
      : 'Unbounded: whether a cache is bounded is chosen when it is created (maximumSize or maximumWeight).';
    meter.hidden = !bounded;
    form.hidden = !bounded;
    note.hidden = !bounded;
    if (bounded) {
      meter.max = Math.max(1, bound.maximum, bound.weightedSize);
      meter.value = bound.weightedSize;
      meter.high = bound.maximum;
      maximum.placeholder = String(bound.maximum);
    }
  };
  return { section, render };
}

// ---- export and import -----------------------------------------------------------------------------------------

/** The name a cache's export is saved under: the server's plain form of it (Content-Disposition's filename). */
function exportFileName(cache) {
  return cache.replace(/[^A-Za-z0-9._-]/g, '_') + '.jsonl';
}

async function errorOf(response) {
  let payload = null;
  try { payload = await response.json(); } catch (ignored) { payload = null; }
  return new ApiError(response.status, payload && payload.error ? payload.error
    : response.status + ' ' + response.statusText);
}

/**
 * Export (a download of the cache's JSON Lines) and Import (a file sent as it is, with a mode), with the import's
 * report or error. The download is fetched with the CSRF token, which a plain link cannot send, and handed to the
 * browser as a file. Built once per page, like the bound editor, so a chosen file survives the refreshes.
 */
function transferSection(ref, refresh) {
  const exportButton = el('button', { type: 'button', id: 'export-button' }, 'Export');
  const exportStatus = el('span', { id: 'export-status', className: 'muted' });
  exportButton.onclick = async () => {
    exportButton.disabled = true;
    exportStatus.textContent = 'Exporting…';
    try {
      const response = await fetch('/api/export?' + query(ref), { headers: { 'X-CSRF-Token': state.csrfToken } });
      if (!response.ok) throw await errorOf(response);
      const file = await response.blob();
      const address = URL.createObjectURL(file);
      const link = el('a', { href: address, download: exportFileName(ref.cache), hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // the browser reads the file after the click returns; the address is only released well after
      setTimeout(() => URL.revokeObjectURL(address), 60000);
      exportStatus.textContent = 'Exported ' + formatNumber(file.size) + ' bytes as ' + exportFileName(ref.cache)
        + '.';
    } catch (error) {
      exportStatus.textContent = 'Export failed: ' + error.message;
      message(error.message, true);
    } finally {
      exportButton.disabled = false;
    }
  };

  const file = el('input', { type: 'file', id: 'import-file', accept: '.jsonl,.ndjson,.json,application/x-ndjson' });
  const mode = el('select', { id: 'import-mode' },
    el('option', { value: 'ALL_OR_NOTHING' }, 'all or nothing'),
    el('option', { value: 'SKIP_AND_REPORT' }, 'skip and report bad lines'));
  const importButton = el('button', { type: 'submit', id: 'import-button' }, 'Import');
  const report = el('div', { id: 'import-report', hidden: true });
  const form = el('form', { className: 'inline', id: 'import-form' },
    el('label', {}, 'File (an export, JSON Lines)', file), el('label', {}, 'Mode', mode), importButton);
  form.onsubmit = async event => {
    event.preventDefault();
    if (file.files.length === 0) {
      message('Choose a file to import.', true);
      return;
    }
    importButton.disabled = true;
    report.hidden = false;
    report.replaceChildren(el('p', { id: 'import-progress', className: 'muted' }, 'Importing…'));
    try {
      const response = await fetch('/api/import?' + query({ ...ref, mode: mode.value }), {
        method: 'POST', headers: { 'X-CSRF-Token': state.csrfToken, 'Content-Type': 'application/x-ndjson' },
        body: file.files[0],
      });
      if (!response.ok) throw await errorOf(response);
      const result = await response.json();
      renderImportReport(report, result);
      message('');
      await refresh();
    } catch (error) {
      report.replaceChildren(el('p', { id: 'import-error', className: 'bad' }, 'Nothing imported: ' + error.message));
    } finally {
      importButton.disabled = false;
    }
  };

  const section = el('section', { id: 'transfer-section', hidden: true }, el('h2', {}, 'Export and import'),
    el('p', {}, exportButton, ' ', exportStatus), form, report,
    el('p', { className: 'muted' }, 'An export is one snapshot of the cache as JSON Lines. An import stores the '
      + 'file\'s documents with their expiry times; all or nothing refuses the whole file for one bad line.'));
  const render = details => { section.hidden = !details.docstore; };
  return { section, render };
}

function renderImportReport(container, result) {
  const skipped = result.skipped || [];
  const created = result.indexesCreated || [];
  const summary = el('p', { id: 'import-summary', className: 'ok' }, 'Imported ' + formatNumber(result.imported)
    + ' documents; ' + formatNumber(result.expired) + ' expired and left out; ' + formatNumber(skipped.length)
    + (skipped.length === 1 ? ' line skipped' : ' lines skipped') + (created.length ? '; indexes created: ' + created.join(', ') : '') + '.');
  const nodes = [summary];
  if (skipped.length > 0) {
    nodes.push(el('table', { id: 'import-skipped' },
      el('thead', {}, el('tr', {}, el('th', { className: 'number' }, 'Line'), el('th', {}, 'Why it was skipped'))),
      el('tbody', {}, skipped.map(problem => el('tr', { 'data-line': problem.line },
        el('td', { className: 'number' }, String(problem.line)), el('td', {}, problem.message))))));
  }
  container.replaceChildren(...nodes);
}

// ---- query runner ----------------------------------------------------------------------------------------------

/** A typed value from a text field: JSON where it parses (42, true, "x", [..]), else the text itself. */
function parseValue(text) {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try { return JSON.parse(trimmed); } catch (ignored) { return trimmed; }
}

function asTuple(value) {
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

function queryRunner(ref) {
  const index = el('select', { id: 'query-index' });
  const mode = el('select', { id: 'query-mode' }, el('option', { value: 'eq' }, 'exact'),
    el('option', { value: 'range' }, 'range'), el('option', { value: 'prefix' }, 'prefix'));
  const from = el('input', { type: 'text', id: 'query-from', placeholder: 'Lisbon   or 100   or ["Lisbon", "paid"]' });
  const to = el('input', { type: 'text', id: 'query-to', placeholder: '200 (exclusive)' });
  const toLabel = el('label', {}, 'To (exclusive)', to);
  const fromLabel = el('label', {}, 'Value', from);
  const descending = el('input', { type: 'checkbox', id: 'query-descending' });
  const limit = el('input', { type: 'number', id: 'query-limit', value: 20, min: 1, max: 500 });
  const summary = el('span', { id: 'query-summary', className: 'muted' });
  const previous = el('button', { type: 'button', className: 'secondary', id: 'query-previous', disabled: true },
    '← Previous');
  const next = el('button', { type: 'button', className: 'secondary', id: 'query-next', disabled: true }, 'Next →');
  const results = el('pre', { className: 'json', id: 'query-results', hidden: true });
  let offset = 0;

  const setMode = () => {
    toLabel.hidden = mode.value !== 'range';
    fromLabel.firstChild.textContent = mode.value === 'range' ? 'From (inclusive)' : 'Value';
  };
  mode.onchange = setMode;

  const run = async () => {
    const low = asTuple(parseValue(from.value));
    const high = asTuple(parseValue(to.value));
    const bounds = {};
    if (mode.value === 'range') {
      if (low !== undefined) bounds.min = low;
      if (high !== undefined) bounds.max = high;
    } else {
      bounds[mode.value] = low === undefined ? [] : low;
    }
    if (descending.checked) bounds.descending = true;
    const size = Math.max(1, Math.min(500, parseInt(limit.value, 10) || 20));
    try {
      const page = await api('query', { ...ref, index: index.value, bounds, offset, limit: size });
      results.hidden = false;
      results.textContent = JSON.stringify(page.entries, null, 2);
      summary.textContent = page.count === 0 ? 'no entries (of ' + formatNumber(page.total) + ')'
        : 'entries ' + formatNumber(offset + 1) + '–' + formatNumber(offset + page.count) + ' of '
          + formatNumber(page.total);
      previous.disabled = offset === 0;
      next.disabled = offset + page.count >= page.total;
      message('');
    } catch (error) {
      message(error.message, true);
    }
  };
  previous.onclick = () => {
    offset = Math.max(0, offset - (parseInt(limit.value, 10) || 20));
    run();
  };
  next.onclick = () => {
    offset += parseInt(limit.value, 10) || 20;
    run();
  };
  const form = el('form', { className: 'inline', id: 'query-form' },
    el('label', {}, 'Index', index), el('label', {}, 'Kind', mode), fromLabel, toLabel,
    el('label', { className: 'check' }, descending, 'descending'), el('label', {}, 'Page size', limit),
    el('button', { type: 'submit', id: 'query-run' }, 'Run'));
  form.onsubmit = event => {
    event.preventDefault();
    offset = 0;
    run();
  };
  setMode();
  return el('section', { id: 'query-section' }, el('h2', {}, 'Query an index'), form,
    el('div', { className: 'pager' }, previous, next, summary), results);
}

function updateIndexChoices(section, indexes) {
  const select = section.querySelector('#query-index');
  const names = (indexes || []).map(index => index.name);
  const current = Array.from(select.options).map(option => option.value);
  if (names.join('\n') === current.join('\n')) return;
  const chosen = select.value;
  select.replaceChildren(...names.map(name => el('option', { value: name }, name)));
  if (names.includes(chosen)) select.value = chosen;
}

// ---- notifications ---------------------------------------------------------------------------------------------

function notificationsPage() {
  const body = el('tbody');
  state.notificationsAfter = 0;
  const empty = el('p', { className: 'muted', id: 'notifications-empty' },
    'No index notifications yet. They appear when an index is created, dropped or rebuilt.');
  show(el('h1', {}, 'Notifications'), el('section', {}, empty, el('table', { id: 'notifications' },
    el('thead', {}, el('tr', {}, ['#', 'Time', 'Type', 'Manager', 'Cache', 'Message'].map(h => el('th', {}, h)))),
    body)));
  every(REFRESH_MS, async () => {
    try {
      await refreshSession();
      const entries = await api('notifications?' + query({ after: state.notificationsAfter }));
      for (const entry of entries) {
        state.notificationsAfter = Math.max(state.notificationsAfter, entry.number);
        body.prepend(el('tr', {}, el('td', {}, String(entry.number)), el('td', {}, formatTime(entry.millis)),
          el('td', {}, entry.type), el('td', {}, entry.manager), el('td', {}, entry.cache),
          el('td', {}, entry.message)));
      }
      empty.hidden = body.children.length > 0;
    } catch (error) {
      if (error.status !== 503) message(error.message, true);
    }
  });
}

// ---- connect ---------------------------------------------------------------------------------------------------

async function connectTo(body) {
  try {
    const result = await api('connect', body);
    message('Connected to ' + result.description + '.');
    await refreshSession();
    location.hash = '#/';
  } catch (error) {
    message(error.message, true);
  }
}

async function connectPage() {
  await refreshSession();
  const url = el('input', { type: 'text', id: 'connect-url', className: 'wide',
    placeholder: 'service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi' });
  const user = el('input', { type: 'text', id: 'connect-user', autocomplete: 'username' });
  const password = el('input', { type: 'password', id: 'connect-password', autocomplete: 'current-password' });
  const form = el('form', { className: 'inline', id: 'connect-form' },
    el('label', {}, 'JMX service URL', url), el('label', {}, 'User (optional)', user),
    el('label', {}, 'Password', password), el('button', { type: 'submit' }, 'Connect'));
  form.onsubmit = event => {
    event.preventDefault();
    const body = { url: url.value.trim() };
    if (user.value) { body.user = user.value; body.password = password.value; }
    password.value = '';
    connectTo(body);
  };
  const jvms = el('tbody');
  const refresh = el('button', { type: 'button', className: 'secondary', id: 'jvms-refresh' }, 'Refresh');
  const loadJvms = async () => {
    jvms.replaceChildren(el('tr', {}, el('td', { colspan: 6, className: 'muted' }, 'Looking for local JVMs…')));
    try {
      const list = await api('jvms');
      jvms.replaceChildren(...list.map(jvm => el('tr', { 'data-pid': jvm.pid },
        el('td', {}, String(jvm.pid)), el('td', {}, jvm.name),
        el('td', {}, jvm.agentRunning ? 'running' : 'not started'),
        el('td', {}, jvm.docstore === true ? 'yes' : jvm.docstore === false ? 'no' : '?'),
        el('td', { className: 'muted' }, jvm.note || ''),
        el('td', {}, jvm.console ? '' : el('button', { type: 'button', className: 'attach',
          onclick: () => connectTo({ pid: jvm.pid }) }, 'Connect')))));
    } catch (error) {
      jvms.replaceChildren(el('tr', {}, el('td', { colspan: 6, className: 'bad' }, error.message)));
    }
  };
  refresh.onclick = loadJvms;
  const self = el('button', { type: 'button', className: 'secondary', id: 'connect-self',
    onclick: () => connectTo({ self: true }) }, "This console's own JVM");
  const disconnect = el('button', { type: 'button', className: 'danger', id: 'disconnect', onclick: async () => {
    try { await api('disconnect', {}); await refreshSession(); message('Disconnected.'); } catch (error) {
      message(error.message, true);
    }
  } }, 'Disconnect');
  show(el('h1', {}, 'Connect'),
    el('section', {}, el('h2', {}, 'By JMX service URL'), form,
      el('p', { className: 'muted' }, 'Credentials go to the target JVM only; the console never shows them.')),
    el('section', {}, el('h2', {}, 'Local JVMs'),
      el('p', { className: 'muted' }, 'Connecting by process id starts the JVM\'s local management agent if it '
        + 'is not running. "docstore ?" means the agent is not started yet, so its caches cannot be seen.'),
      el('table', { id: 'jvms' }, el('thead', {}, el('tr', {}, ['PID', 'Main class', 'Agent', 'docstore', 'Note', '']
        .map(h => el('th', {}, h)))), jvms), el('p', {}, refresh)),
    el('section', {}, el('h2', {}, 'Other'), self, ' ', disconnect));
  loadJvms();
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
