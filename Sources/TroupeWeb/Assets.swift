/// The stylesheet and script of `troupe web`, embedded in the binary and served at
/// `/assets/app.css` and `/assets/app.js` (no CDN, no inline style or script).
public enum Assets {
    /// `text/css; charset=utf-8`, for `/assets/app.css`.
    public static let cssContentType = "text/css; charset=utf-8"
    /// `text/javascript; charset=utf-8`, for `/assets/app.js`.
    public static let jsContentType = "text/javascript; charset=utf-8"

    /// The stylesheet.
    public static let css: String = #"""
:root {
  --bg: #f5f6f8; --surface: #ffffff; --ink: #1c2129; --muted: #5a6372; --line: #e1e4ea;
  --accent: #2f55d4; --accent-ink: #ffffff; --accent-soft: #e8edfc; --ok: #17794a; --ok-soft: #e3f4ea;
  --warn: #9a5b00; --warn-soft: #fcf0dc; --bad: #b42318; --bad-soft: #fde8e6; --run: #1f5fa8; --run-soft: #e2eefb;
  --radius: 10px; --shadow: 0 1px 2px rgba(20, 30, 50, .06), 0 2px 8px rgba(20, 30, 50, .05);
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font-family: var(--mono); font-size: 13px; }
code { background: #eef0f4; border-radius: 4px; padding: 1px 5px; }
pre { background: #f1f3f7; border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow: auto; white-space: pre-wrap; word-break: break-word; margin: 0 0 12px; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 6px; letter-spacing: -.01em; }
h2 { font-size: 17px; margin: 18px 0 8px; }
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header.top { background: var(--surface); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 5; }
header.top .wrap { display: flex; align-items: center; gap: 28px; height: 56px; }
.brand { font-weight: 700; font-size: 18px; color: var(--ink); letter-spacing: -.02em; }
.brand::before { content: ""; display: inline-block; width: 12px; height: 12px; border-radius: 50%; background: var(--accent); margin-right: 8px; box-shadow: 8px 0 0 -2px #f0a030; vertical-align: 0; }
header nav { display: flex; gap: 4px; flex-wrap: wrap; }
header nav a { color: var(--muted); padding: 6px 12px; border-radius: 8px; font-weight: 500; }
header nav a:hover { background: var(--bg); color: var(--ink); text-decoration: none; }
header nav a[aria-current="page"] { background: var(--accent-soft); color: var(--accent); }
main.wrap { padding-top: 24px; padding-bottom: 40px; min-height: 70vh; }
footer.wrap { color: var(--muted); font-size: 13px; padding-bottom: 24px; }
.pagehead { margin-bottom: 18px; }
.lede { color: var(--muted); margin: 0 0 8px; max-width: 80ch; }
.crumbs { margin: 0 0 2px; color: var(--muted); font-size: 14px; }
.muted { color: var(--muted); }
.strong { font-weight: 600; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 10px 0 0; }
.grid { display: grid; gap: 16px; }
.grid.cast { grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
.grid.videos { grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
.card, .vcard, .panel { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); }
.card, .vcard { overflow: hidden; display: flex; flex-direction: column; }
.card .media { display: block; position: relative; aspect-ratio: 16 / 10; overflow: hidden; background: #10131a; }
.card video, .card img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; display: block; }
.card .noplayer { position: absolute; inset: 0; width: 100%; height: 100%; }
.card .meta, .vcard .meta { overflow-wrap: anywhere; }
.vcard video { width: 100%; aspect-ratio: 16 / 9; background: #10131a; display: block; }
.vcard .noplayer { width: 100%; aspect-ratio: 16 / 9; }
.noplayer { display: flex; align-items: center; justify-content: center; text-align: center; color: #c9ced8; background: #1b2029; padding: 12px; font-size: 13px; }
.noplayer.initial span { font-size: 44px; font-weight: 700; color: #8d96a8; }
.noplayer.np-failed { background: #2a1717; color: #f3b8b2; }
.noplayer.np-unknown { background: #231a2e; color: #d5c2ee; }
.card .body, .vcard .body { padding: 10px 14px 14px; display: flex; flex-direction: column; gap: 4px; }
.title { display: flex; align-items: center; justify-content: space-between; gap: 8px; font-weight: 600; }
.title a { color: var(--ink); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.meta { color: var(--muted); font-size: 13px; margin: 0; display: flex; gap: 8px; flex-wrap: wrap; }
.prompt { margin: 0; font-size: 14px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
pre.prompt { display: block; font-size: 14px; font-family: inherit; white-space: pre-wrap; -webkit-line-clamp: none; }
.prompt.none { color: var(--muted); font-style: italic; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px; background: #eceef2; color: var(--muted); white-space: nowrap; }
.s-ready, .s-succeeded { background: var(--ok-soft); color: var(--ok); }
.s-pending, .s-prepared { background: var(--warn-soft); color: var(--warn); }
.s-running, .s-submitted { background: var(--run-soft); color: var(--run); }
.s-failed, .s-retired { background: var(--bad-soft); color: var(--bad); }
.s-unknown { background: #f1e8fb; color: #6b3fa0; }
.tags { list-style: none; display: flex; gap: 6px; flex-wrap: wrap; padding: 0; margin: 4px 0 0; }
.tags li { font-size: 12px; background: var(--accent-soft); color: var(--accent); border-radius: 6px; padding: 0 7px; }
.chip { display: inline-block; font: inherit; font-size: 13px; border: 1px solid var(--line); background: var(--surface); border-radius: 999px; padding: 2px 10px; cursor: pointer; color: var(--ink); }
.chip:hover { border-color: var(--accent); text-decoration: none; }
.split { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; margin-bottom: 16px; align-items: start; }
.split.compose { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
.panel { padding: 16px 18px; margin-bottom: 16px; }
.split > .panel { margin-bottom: 0; }
.panel h2:first-child { margin-top: 0; }
.stage video, .stage .noplayer { width: 100%; aspect-ratio: 16 / 9; border-radius: var(--radius); background: #000; display: flex; }
video.source { width: 100%; border-radius: 8px; background: #000; aspect-ratio: 16 / 9; }
img.reference { max-width: 100%; border-radius: 8px; border: 1px solid var(--line); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.facts dd .tags { margin: 0; }
.clipbar { margin: 10px 0 4px; }
.clipbar svg { width: 100%; height: 24px; display: block; cursor: pointer; }
.clipbar .track { fill: #dfe3ea; }
.clipbar .range { fill: #f0a030; }
.clipbar figcaption { display: flex; justify-content: space-between; font-size: 12px; color: var(--muted); }
button, .button { font: inherit; font-size: 14px; font-weight: 500; display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--line); background: var(--surface); color: var(--ink); border-radius: 8px; padding: 6px 14px; cursor: pointer; line-height: 1.4; }
button:hover, .button:hover { border-color: #b8c0ce; text-decoration: none; }
button.primary, .button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
button.primary:hover { background: #2447b8; }
button:disabled { opacity: .5; cursor: not-allowed; }
button.small { font-size: 12px; padding: 2px 10px; }
.button.quiet { background: transparent; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); font-weight: 500; }
input, select, textarea { font: inherit; font-size: 14px; color: var(--ink); background: var(--surface); border: 1px solid #cfd5df; border-radius: 8px; padding: 6px 10px; }
textarea { width: 100%; resize: vertical; line-height: 1.5; }
#prompt { font-size: 16px; min-height: 150px; }
.wide { flex: 1 1 260px; }
.row { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 10px; }
.row label { flex: 1 1 160px; }
.buttons { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-top: 10px; }
form.filters { display: flex; flex-wrap: wrap; gap: 10px 12px; align-items: flex-end; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 14px; margin-bottom: 14px; box-shadow: var(--shadow); }
form.filters .buttons { margin-top: 0; }
form.filters select { max-width: 190px; }
form.filters input[type="date"] { padding: 5px 8px; }
form.action { display: flex; flex-direction: column; gap: 10px; }
form.action .buttons { margin-top: 0; }
form.action .wide, .panel > .wide { flex: none; }
.count { color: var(--muted); margin: 0 0 10px; }
.notice { background: var(--accent-soft); border-radius: 8px; padding: 8px 12px; }
.notice.error { background: var(--bad-soft); color: var(--bad); }
.action-status { min-height: 1.5em; margin: 4px 0 0; }
.action-status.ok { color: var(--ok); }
.action-status.bad { color: var(--bad); }
.empty { background: var(--surface); border: 1px dashed #c9cfda; border-radius: var(--radius); padding: 28px; text-align: center; margin: 12px 0; }
.empty h2 { margin-top: 0; }
.empty .commands { display: flex; flex-direction: column; gap: 6px; align-items: center; margin: 10px 0; }
.empty code { font-size: 13px; padding: 4px 10px; }
nav.pages { display: flex; gap: 6px; justify-content: center; margin: 24px 0 0; flex-wrap: wrap; }
nav.pages a, nav.pages span { padding: 4px 10px; border-radius: 6px; border: 1px solid var(--line); background: var(--surface); }
nav.pages span[aria-current] { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
nav.pages .off, nav.pages .gap { color: #aab1bd; border-color: transparent; background: transparent; }
nav.tabs { display: flex; gap: 4px; margin-top: 8px; }
nav.tabs a { padding: 4px 12px; border-radius: 8px; color: var(--muted); }
nav.tabs a[aria-current] { background: var(--accent-soft); color: var(--accent); }
.table-scroll { overflow-x: auto; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); margin-bottom: 16px; }
table.table { border-collapse: collapse; width: 100%; font-size: 14px; }
.table th, .table td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
.table th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #fafbfc; }
.table tr:last-child td { border-bottom: none; }
.table .num { text-align: right; font-variant-numeric: tabular-nums; }
.table td.actions { white-space: nowrap; }
.table td.actions button + button { margin-left: 6px; }
.table .why { margin-left: 6px; font-size: 12px; color: var(--muted); }
.table .error-text { font-size: 12px; color: var(--bad); max-width: 40ch; }
tr.changed td { animation: flash 1.2s ease-out; }
@keyframes flash { from { background: #fff6d6; } to { background: transparent; } }
.live { font-size: 12px; color: var(--muted); margin-left: 6px; }
.live.on { color: var(--ok); }
.live.on::before { content: "● "; }
.totals { display: flex; gap: 16px; flex-wrap: wrap; margin-bottom: 16px; }
.total { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 18px; box-shadow: var(--shadow); display: flex; flex-direction: column; }
.total .amount { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.chart svg { width: 100%; height: auto; display: block; }
#cost-chart text { font-size: 12px; fill: var(--muted); }
#cost-chart text.currency { font-size: 14px; font-weight: 700; fill: var(--ink); }
#cost-chart .grid { stroke: #e6e9ef; }
.bar.p0 { fill: #2f55d4; } .bar.p1 { fill: #f0a030; } .bar.p2 { fill: #17a673; } .bar.p3 { fill: #c2417c; }
.bar.p4 { fill: #6b5bd2; } .bar.p5 { fill: #1e9bb8; } .bar.p6 { fill: #8c6d3f; } .bar.p7 { fill: #6d7687; }
.lineage-scroll { overflow: auto; max-height: 78vh; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); margin-bottom: 12px; }
#lineage { display: block; }
#lineage .node rect { fill: #ffffff; stroke: #c5ccd8; stroke-width: 1; }
#lineage .node.character rect { fill: #fff5e6; stroke: #f0b060; }
#lineage .node.root rect { stroke: var(--accent); stroke-width: 2.5; }
#lineage .node.collapsed rect { fill: #f3f4f7; stroke-dasharray: 4 3; }
#lineage .node a:hover rect { stroke: var(--accent); fill: var(--accent-soft); }
#lineage text { font-size: 12px; fill: var(--muted); }
#lineage text.id { font-family: var(--mono); font-size: 12.5px; font-weight: 600; fill: var(--ink); }
#lineage .edge { fill: none; stroke: #9aa3b2; stroke-width: 1.5; }
#lineage .edge.extract { stroke: #e0902a; }
#lineage .edge.features { stroke-dasharray: 5 4; }
#lineage marker path { fill: #9aa3b2; }
.problems { list-style: none; padding: 0; margin: 10px 0 0; display: flex; flex-direction: column; gap: 6px; }
.problem { background: var(--bad-soft); color: var(--bad); border-radius: 8px; padding: 6px 10px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.problem[data-kind="missingVariable"] { background: var(--warn-soft); color: var(--warn); }
.problem .suggestion { font-size: 13px; padding: 1px 10px; border-radius: 999px; border-color: currentColor; background: #fff; color: inherit; }
.problems li.ok { background: var(--ok-soft); color: var(--ok); }
.vars { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 10px; }
.cast-chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0 0; }
#request { min-height: 160px; max-height: 60vh; }
#price { font-weight: 700; color: var(--ink); }
dialog { border: none; border-radius: 14px; padding: 22px 24px; width: min(640px, 92vw); box-shadow: 0 20px 60px rgba(10, 20, 40, .3); color: var(--ink); }
dialog::backdrop { background: rgba(15, 20, 30, .45); }
dialog h2 { margin-top: 0; }
dialog pre { max-height: 40vh; }
.price-line strong { font-size: 18px; }
.family { margin-bottom: 16px; }
.family h2 { margin-top: 8px; }
.chip.unusable { opacity: .55; text-decoration: line-through; }
h1, code { overflow-wrap: anywhere; }
main.wrap { min-width: 0; }
.lineage-scroll { max-width: 100%; }
img.reference { width: 100%; max-width: 320px; min-width: 120px; image-rendering: pixelated; }
form.filters input, form.filters select { height: 34px; box-sizing: border-box; }
.family .grid { margin-bottom: 20px; }
.family h2 + p { margin-top: 6px; }
.vcard .tags { margin-top: 2px; }
#tasks-status { margin: 0 0 6px; min-height: 1.5em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.table td, .table th { white-space: nowrap; }
.table .error-text { white-space: normal; min-width: 24ch; }
.chart { overflow-x: auto; }
.chart svg { min-width: 720px; }
main p { overflow-wrap: anywhere; }
@media (max-width: 820px) {
  .split, .split.compose { grid-template-columns: minmax(0, 1fr); }
  header.top .wrap { height: auto; padding-top: 8px; padding-bottom: 8px; flex-wrap: wrap; gap: 8px 16px; }
  h1 { font-size: 22px; }
  .wrap { padding: 0 12px; }
  .grid.cast { grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); }
}
"""#

    /// The script: compose editor, confirm dialogs, live tasks, clip loops, auto-submitting filters.
    public static let js: String = #"""
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  function $(sel, root) { return (root || document).querySelector(sel); }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function say(el, text, good) {
    if (!el) return;
    el.textContent = text;
    el.classList.toggle('ok', good === true);
    el.classList.toggle('bad', good === false);
  }

  // POST JSON with the CSRF token; resolves to the parsed answer with its HTTP status in _status.
  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Accept': 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.text().then(function (t) {
        var j;
        try { j = t ? JSON.parse(t) : {}; } catch (e) { j = { error: t }; }
        if (j === null || typeof j !== 'object' || Array.isArray(j)) j = { value: j };
        j._status = r.status;
        return j;
      });
    });
  }
  function problemText(j) {
    if (j.error) return typeof j.error === 'string' ? j.error : (j.error.message || JSON.stringify(j.error));
    if (j.message) return j.message;
    if (j.problems && j.problems.length) return j.problems.map(function (p) { return p.message; }).join('; ');
    return 'HTTP ' + j._status;
  }
  function failed(j) { return j._status >= 400 || j.ok === false; }

  // Ask the price (the POST without confirm), show it in <dialog id="confirm">, send with
  // "confirm": true only when the person says so. done(ok, answer).
  // options: { note, button } say what the dialog says instead of the price (a call that is free).
  function askThenSend(url, body, title, done, options) {
    options = options || {};
    post(url, body).then(function (j) {
      if (failed(j) && !j.confirm_needed) { done(false, j); return; }
      if (!j.confirm_needed) { done(true, j); return; }
      var dialog = $('#confirm');
      if (!dialog || !dialog.showModal) { done(false, { error: 'this browser cannot ask before sending' }); return; }
      $('#confirm-title').textContent = title || 'Send this paid call?';
      $('#confirm-price').textContent = ((j.price || '?') + ' ' + (j.currency || '')).trim();
      // A call the server says charges nothing (resume, reconcile) shows no price.
      var free = !!options.note || j.charges === false;
      var priceLine = $('#confirm .price-line'), note = $('#confirm-note');
      if (priceLine) priceLine.hidden = free;
      if (note) { note.hidden = !free; note.textContent = options.note || (free ? 'Nothing is sent again and nothing is charged.' : ''); }
      $('#confirm-send').textContent = options.button || (free ? 'Go ahead' : 'Send and pay');
      $('#confirm-request').textContent = j.request || '';
      dialog.returnValue = '';
      dialog.addEventListener('close', function onClose() {
        dialog.removeEventListener('close', onClose);
        if (dialog.returnValue !== 'send') { done(null, { cancelled: true }); return; }
        var confirmed = Object.assign({}, body, { confirm: true });
        post(url, confirmed).then(function (k) { done(!failed(k), k); }, function (e) { done(false, { error: String(e) }); });
      });
      dialog.showModal();
    }, function (e) { done(false, { error: String(e) }); });
  }
  function sentText(j) {
    var parts = [];
    if (j.task_id != null) parts.push('Sent as task ' + j.task_id + '. troupe web follows it to the end; reload this page to see what it made, or follow it on Tasks.');
    else if (j.summary) parts.push(j.summary);
    else if (j.state) parts.push('Done: ' + j.state);
    else parts.push('Done.');
    return parts.join(' ');
  }
  function report(el, ok, j) {
    if (ok === null) { say(el, 'Not sent.', null); return; }
    say(el, ok ? sentText(j) : problemText(j), ok);
  }

  // Clips: start at data-start, loop within [data-start, data-end) when data-loop is set, play
  // muted only while on screen (data-autoplay).
  all('video[data-start]').forEach(function (v) {
    var start = parseFloat(v.getAttribute('data-start')) || 0;
    var end = parseFloat(v.getAttribute('data-end'));
    var loop = v.hasAttribute('data-loop');
    function toStart() { try { if (Math.abs(v.currentTime - start) > 0.05) v.currentTime = start; } catch (e) { } }
    v.addEventListener('loadedmetadata', toStart);
    if (v.readyState >= 1) toStart();
    v.addEventListener('timeupdate', function () {
      if (isNaN(end) || end <= start) return;
      if (v.currentTime >= end) {
        if (loop) { v.currentTime = start; } else if (v.stopAtEnd) { v.stopAtEnd = false; v.pause(); }
      }
    });
  });
  var visible = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      var v = e.target;
      if (e.isIntersecting) { var p = v.play(); if (p && p.catch) p.catch(function () { }); } else { v.pause(); }
    });
  }, { rootMargin: '100px' }) : null;
  all('video[data-autoplay]').forEach(function (v) {
    v.muted = true;
    if (visible) visible.observe(v); else v.play();
  });
  all('[data-play-clip]').forEach(function (b) {
    b.addEventListener('click', function () {
      var v = document.getElementById(b.getAttribute('data-play-clip'));
      if (!v) return;
      v.currentTime = parseFloat(v.getAttribute('data-start')) || 0;
      v.stopAtEnd = true;
      var p = v.play(); if (p && p.catch) p.catch(function () { });
    });
  });
  all('.clipbar svg').forEach(function (bar) {
    bar.addEventListener('click', function () {
      var b = $('[data-play-clip]'); if (b) b.click();
    });
  });

  // Lineage: bring the node the page is about into view.
  var root = $('#lineage .node.root');
  var scroller = $('.lineage-scroll');
  if (root && scroller) {
    var box = root.getBoundingClientRect(), outer = scroller.getBoundingClientRect();
    scroller.scrollLeft += box.left - outer.left - (outer.width - box.width) / 2;
    scroller.scrollTop += box.top - outer.top - (outer.height - box.height) / 3;
  }

  // Filters send themselves when a choice changes.
  all('form[data-autosubmit]').forEach(function (form) {
    all('select, input[type="date"]', form).forEach(function (field) {
      field.addEventListener('change', function () { form.submit(); });
    });
  });

  // Remix and Extract forms: ask the price, then send.
  all('form[data-action]').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = {};
      new FormData(form).forEach(function (value, key) { if (value !== '') body[key] = value; });
      var status = $('.action-status', form);
      var button = $('button[type="submit"]', form);
      button.disabled = true;
      say(status, 'Asking the price…');
      askThenSend(form.getAttribute('data-action'), body, form.getAttribute('data-confirm-title'), function (ok, j) {
        button.disabled = false;
        report(status, ok, j);
      });
    });
  });

  // Buttons that POST (Resume, Reconcile), asking first when the answer wants a confirmation.
  all('button[data-post]').forEach(wirePost);
  function wirePost(button) {
    button.addEventListener('click', function () {
      var body = {};
      try { body = JSON.parse(button.getAttribute('data-body') || '{}'); } catch (e) { }
      var status = $('#tasks-status') || $('.action-status');
      button.disabled = true;
      say(status, 'Working…');
      askThenSend(button.getAttribute('data-post'), body, button.getAttribute('data-confirm-title'), function (ok, j) {
        button.disabled = false;
        if (ok && button.hasAttribute('data-done')) {
          // Resume: the server follows every open task from now on, so there is nothing left to press.
          say(status, button.getAttribute('data-done'), true);
          button.hidden = true;
          return;
        }
        report(status, ok, j);
      }, { note: button.getAttribute('data-confirm-note'), button: button.getAttribute('data-confirm-button') });
    });
  }

  // Tasks: live over Server-Sent Events.
  var table = $('#tasks');
  if (table && window.EventSource) {
    var live = $('#live');
    var source = new EventSource(table.getAttribute('data-events') || '/api/events');
    source.addEventListener('open', function () { if (live) { live.textContent = 'live'; live.classList.add('on'); } });
    source.addEventListener('error', function () { if (live) { live.textContent = 'reconnecting…'; live.classList.remove('on'); } });
    source.addEventListener('task', function (ev) {
      var t;
      try { t = JSON.parse(ev.data); } catch (e) { return; }
      if (t && t.id != null) upsertTask(t);
    });
  }
  function cell(row, name) {
    var td = $('td.' + name, row);
    if (!td) { td = document.createElement('td'); td.className = name; row.appendChild(td); }
    return td;
  }
  function badge(state) {
    var s = document.createElement('span');
    s.className = 'badge s-' + state;
    s.textContent = String(state).replace(/_/g, ' ');
    return s;
  }
  function upsertTask(t) {
    var body = table.tBodies[0];
    var row = body.querySelector('tr[data-task="' + String(t.id).replace(/[^0-9]/g, '') + '"]');
    if (!row) {
      row = document.createElement('tr');
      row.id = 'task-' + t.id;
      row.setAttribute('data-task', String(t.id));
      ['id', 'kind', 'provider', 'state', 'attempts', 'remote', 'cost', 'created', 'made', 'actions'].forEach(function (n) { cell(row, n); });
      cell(row, 'made').textContent = '—';
      cell(row, 'cost').classList.add('num');
      cell(row, 'id').textContent = '#' + t.id;
      cell(row, 'kind').textContent = String(t.kind || '').replace(/_/g, ' ');
      cell(row, 'provider').textContent = t.provider || '';
      cell(row, 'created').textContent = String(t.created_at || '').replace('T', ' ').slice(0, 16);
      body.insertBefore(row, body.firstChild);
      var empty = $('section.empty'); if (empty) empty.hidden = true;
    }
    row.setAttribute('data-state', t.state);
    var state = cell(row, 'state');
    state.textContent = '';
    state.appendChild(badge(t.state));
    if (t.failure_reason) {
      var why = document.createElement('span'); why.className = 'why';
      why.textContent = String(t.failure_reason).replace(/_/g, ' '); state.appendChild(why);
    }
    if (t.error) {
      var err = document.createElement('div'); err.className = 'error-text'; err.textContent = t.error; state.appendChild(err);
    }
    cell(row, 'attempts').textContent = String(t.attempts != null ? t.attempts : '');
    var remote = document.createElement('code'); remote.textContent = t.remote_id || '—';
    var rc = cell(row, 'remote'); rc.textContent = ''; rc.appendChild(remote);
    var currency = t.currency || row.getAttribute('data-currency') || '';
    if (currency) row.setAttribute('data-currency', currency);
    if (t.cost != null) cell(row, 'cost').textContent = Number(t.cost).toFixed(2) + (currency ? ' ' + currency : '') + (t.refunded ? ' refunded' : '');
    if (t.state !== 'unknown') all('button[data-post="/api/reconcile"]', row).forEach(function (b) { b.remove(); });
    row.classList.remove('changed'); void row.offsetWidth; row.classList.add('changed');
    countTasks();
  }
  // The heading's counts follow the rows.
  function countTasks() {
    var rows = all('tr[data-task]', table), open = 0;
    rows.forEach(function (r) { var s = r.getAttribute('data-state'); if (s !== 'succeeded' && s !== 'failed') open++; });
    var o = $('#open-count'), f = $('#finished-count');
    if (o) o.textContent = String(open);
    if (f) f.textContent = String(rows.length - open);
  }

  // Compose: compile as you type (~200 ms after the last key), mark problems, offer suggestions.
  var prompt = $('#prompt');
  if (prompt && $('#problems')) compose();
  function compose() {
    var provider = $('#provider'), model = $('#model'), problems = $('#problems');
    var request = $('#request'), price = $('#price'), generate = $('#generate'), vars = $('#vars');
    var status = $('#compose-status');
    var timer = null, sequence = 0, sent = null;
    function body() {
      var b = { prompt: prompt.value };
      if (provider && provider.value) b.provider = provider.value;
      if (model && model.value) b.model = model.value;
      var values = {}, any = false;
      all('input[data-var]', vars).forEach(function (i) { if (i.value !== '') { values[i.getAttribute('data-var')] = i.value; any = true; } });
      if (any) b.vars = values;
      return b;
    }
    function schedule() { clearTimeout(timer); timer = setTimeout(compile, 200); }
    function compile() {
      var mine = ++sequence;
      if (!prompt.value.trim()) {
        problems.textContent = ''; request.textContent = 'Write a prompt to see it.'; price.textContent = '—';
        generate.disabled = true; return;
      }
      post('/api/compile', body()).then(function (j) { if (mine === sequence) render(j); },
        function (e) { if (mine === sequence) render({ ok: false, error: String(e) }); });
    }
    function render(j) {
      problems.textContent = '';
      var ok = j.ok === true && j._status < 400;
      // After a send, Generate stays off until the prompt, a value or the model changes: no paying twice by accident.
      generate.disabled = !ok || (sent !== null && sent === JSON.stringify(body()));
      if (ok) {
        request.textContent = j.request || '';
        price.textContent = ((j.price || '?') + ' ' + (j.currency || '')).trim();
      } else {
        request.textContent = 'Nothing can be sent until the problems are fixed.';
        price.textContent = '—';
        (j.problems || []).forEach(addProblem);
        if (!(j.problems || []).length) addProblem({ kind: 'error', message: problemText(j) });
      }
      syncVariables(j.problems || []);
    }
    function addProblem(p) {
      var li = document.createElement('li');
      li.className = 'problem';
      li.setAttribute('data-kind', p.kind || 'error');
      var message = document.createElement('span');
      message.className = 'message';
      message.textContent = p.kind === 'missingVariable' && p.subject
        ? '{{' + p.subject + '}} has no value: fill it in above'
        : (p.message || p.kind);
      li.appendChild(message);
      (p.suggestions || []).forEach(function (s) {
        var handle = String(s).replace(/^@/, '');
        var b = document.createElement('button');
        b.type = 'button'; b.className = 'suggestion'; b.setAttribute('data-handle', handle);
        b.textContent = '@' + handle;
        b.addEventListener('click', function () { replaceHandle(p, handle); });
        li.appendChild(b);
      });
      problems.appendChild(li);
    }
    // UTF-8 byte offset (as the compiler gives them) to an index in the JavaScript string.
    function indexOfByte(text, offset) {
      var bytes = 0, i = 0;
      while (i < text.length && bytes < offset) {
        var c = text.codePointAt(i);
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        i += c >= 0x10000 ? 2 : 1;
      }
      return i;
    }
    function replaceHandle(p, handle) {
      var text = prompt.value, a = -1, b = -1;
      if (typeof p.start === 'number' && typeof p.end === 'number') {
        a = indexOfByte(text, p.start); b = indexOfByte(text, p.end);
        var old = text.slice(a, b);
        if (p.subject && old.replace(/^@/, '') !== p.subject) a = -1;
      }
      if (a < 0 && p.subject) {
        a = text.indexOf('@' + p.subject); b = a + p.subject.length + 1;
      }
      if (a < 0) return;
      var replacement = text.charAt(a) === '@' ? '@' + handle : handle;
      prompt.value = text.slice(0, a) + replacement + text.slice(b);
      prompt.focus();
      prompt.setSelectionRange(a + replacement.length, a + replacement.length);
      compile();
    }
    // An input per {{variable}} the prompt uses and has no value for; kept while the prompt uses it.
    function syncVariables(list) {
      list.forEach(function (p) {
        if (p.kind !== 'missingVariable' || !p.subject) return;
        if ($('input[data-var="' + CSS.escape(p.subject) + '"]', vars)) return;
        var label = document.createElement('label');
        label.textContent = '{{' + p.subject + '}}';
        var input = document.createElement('input');
        input.type = 'text'; input.setAttribute('data-var', p.subject);
        input.addEventListener('input', schedule);
        label.appendChild(input);
        vars.appendChild(label);
      });
      all('input[data-var]', vars).forEach(function (i) {
        if (prompt.value.indexOf('{{' + i.getAttribute('data-var')) < 0 && prompt.value.indexOf('{{ ' + i.getAttribute('data-var')) < 0) i.parentNode.remove();
      });
    }
    // Chips of characters the chosen model cannot take (none of their forms) are marked so.
    function markChips() {
      var option = model && model.selectedOptions ? model.selectedOptions[0] : null;
      if (!option || !option.hasAttribute('data-forms')) return;
      var takes = option.getAttribute('data-forms').split(' ').filter(Boolean);
      all('[data-insert][data-forms]').forEach(function (chip) {
        var has = chip.getAttribute('data-forms').split(' ').filter(Boolean);
        var usable = has.some(function (f) { return takes.indexOf(f) >= 0; });
        chip.classList.toggle('unusable', !usable);
        chip.title = usable ? '' : option.value + ' takes characters as ' + (takes.join(' or ') || 'nothing') +
          '; ' + chip.textContent + ' is ' + (chip.getAttribute('data-forms-text') || 'another kind');
      });
    }
    prompt.addEventListener('input', schedule);
    if (model) model.addEventListener('change', function () { markChips(); compile(); });
    if (provider) provider.addEventListener('change', function () {
      fetch('/api/models?provider=' + encodeURIComponent(provider.value), { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          var list = Array.isArray(j) ? j : (j.models || []);
          model.textContent = '';
          list.forEach(function (m) {
            var o = document.createElement('option');
            o.value = m.name; o.textContent = m.name + (m['default'] ? ' (default)' : '');
            o.setAttribute('data-forms', (m.character_forms || []).join(' '));
            if (m['default']) o.selected = true;
            model.appendChild(o);
          });
          markChips();
          compile();
        }, function () { compile(); });
    });
    all('[data-insert]').forEach(function (chip) {
      chip.addEventListener('click', function () {
        var text = chip.getAttribute('data-insert');
        var at = prompt.selectionStart != null ? prompt.selectionStart : prompt.value.length;
        var before = prompt.value.slice(0, at);
        if (before && !/\s$/.test(before)) text = ' ' + text;
        prompt.value = before + text + prompt.value.slice(prompt.selectionEnd != null ? prompt.selectionEnd : at);
        prompt.focus();
        prompt.setSelectionRange(at + text.length, at + text.length);
        schedule();
      });
    });
    generate.addEventListener('click', function () {
      generate.disabled = true;
      say(status, 'Asking the price…');
      askThenSend('/api/generate', body(), 'Generate this video?', function (ok, j) {
        generate.disabled = false;
        if (ok && j.task_id != null) {
          sent = JSON.stringify(body());
          generate.disabled = true;
          say(status, 'Sent as task ' + j.task_id + '. troupe web follows it to the end; the video appears on Videos when it is made. ', true);
          var a = document.createElement('a'); a.href = '/tasks#task-' + j.task_id; a.textContent = 'Follow task ' + j.task_id;
          status.appendChild(a);
          return;
        }
        report(status, ok, j);
      });
    });
    markChips();
    compile();
  }
})();
"""#
}
