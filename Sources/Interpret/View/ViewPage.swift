import Foundation

/// The self-contained HTML page of `gatelm view`: the `ViewData` JSON inlined
/// in a script element, rendered by the page's own small script (no network,
/// no library). Supernodes are listed first and expand into their modules on
/// click, 200 at a time, so a 150K-AND model never puts its netlist in the DOM.
public enum ViewPage {
    /// The page for `json`, the encoded `ViewData`.
    public static func html(json: String, title: String) -> String {
        let safe = json.replacingOccurrences(of: "</", with: "<\\/")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title)) — gatelm view</title>
        <style>\(style)</style></head>
        <body>
        <header><h1>\(escape(title))</h1><div id="summary"></div></header>
        <main>
        <section id="left">
          <input id="search" type="search" placeholder="search a node or module root by name">
          <div id="search-results"></div>
          <h2>Supernodes</h2><div id="supernodes"></div>
        </section>
        <section id="right">
          <div id="details"><p class="hint">Click a supernode to list its modules, a module to see its signature.</p></div>
          <div id="trace"></div>
          <div id="latches"></div>
          <div id="curve"></div>
        </section>
        </main>
        <script id="gatelm-data" type="application/json">\(safe)</script>
        <script>\(script)</script>
        </body></html>
        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let style = """
    body{font:14px system-ui,sans-serif;margin:0;color:#222}header{padding:8px 16px;background:#f3f3f3;border-bottom:1px solid #ddd}
    h1{font-size:18px;margin:4px 0}h2{font-size:15px}main{display:flex;gap:16px;padding:8px 16px}#left{flex:1;min-width:380px}
    #right{flex:1}.supernode{border:1px solid #ccc;border-radius:4px;margin:4px 0;padding:4px 8px;cursor:pointer}
    .module{margin:2px 0 2px 16px;padding:2px 6px;cursor:pointer;border-left:4px solid #ddd;font-family:monospace}
    .module.on{font-weight:bold}.hint{color:#777}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:left}
    #search{width:100%;padding:4px}.field{margin-right:16px}.more{color:#06c;cursor:pointer;margin-left:16px}
    """

    static let script = """
    const data = JSON.parse(document.getElementById('gatelm-data').textContent);
    const el = (tag, attrs, text) => { const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v); if (text !== undefined) e.textContent = text; return e; };
    const maxEffect = Math.max(1, ...data.modules.map(m => m.effect));
    const colour = effect => effect === 0 ? '#ddd' : `hsl(0, 80%, ${90 - 50 * effect / maxEffect}%)`;
    const summary = document.getElementById('summary');
    const labels = {ands: 'ANDs', modules: 'modules', supernodes: 'supernodes', byte_feature_nodes: 'byte-feature nodes',
      largest_module: 'largest module', fraction_up_to8_bits: 'ANDs in modules of ≤ 8 bits',
      fraction_up_to16_bits: '≤ 16 bits', fraction_up_to64_bits: '≤ 64 bits'};
    for (const [key, label] of Object.entries(labels)) {
      const value = data.summary[key], shown = key.startsWith('fraction') ? `${(100 * value).toFixed(1)} %` : value;
      const span = el('span', {class: 'field', 'data-field': key}, `${label}: ${shown}`);
      span.dataset.value = value; summary.appendChild(span); }
    const byModule = new Map(data.modules.map(m => [m.id, m]));
    function showModule(m) {
      const d = document.getElementById('details'); d.innerHTML = '';
      d.appendChild(el('h2', {id: 'module-title', 'data-module': m.id}, `Module #${m.id}: root ${m.root}`));
      const t = el('table'); const row = (k, v) => { const r = el('tr'); r.appendChild(el('th', {}, k)); r.appendChild(el('td', {'data-key': k}, String(v))); t.appendChild(r); };
      row('ANDs', m.size); row('inputs', `${m.input_count}: ${m.inputs.join(' ')}${m.input_count > m.inputs.length ? ' …' : ''}`);
      row('support', `${m.support_bits} bits in ${m.support_positions.map(p => 'ctx[-' + p + ']').join(' ')}`);
      row('feeds classes', m.classes.map(b => b >= 32 && b < 127 ? String.fromCharCode(b) : '\\\\x' + b.toString(16).padStart(2, '0')).join(' '));
      if (m.truth_table) row('truth table (hex)', m.truth_table);
      if (m.value !== undefined && m.value !== null) row('value on the prompt', m.value ? 1 : 0);
      row('effect on the target', m.effect); d.appendChild(t); }
    function moduleRow(m) {
      const r = el('div', {class: 'module' + (m.value ? ' on' : ''), 'data-module': m.id, 'data-size': m.size, 'data-effect': m.effect},
        `#${m.id} ${m.root} · ${m.size} ANDs · ${m.input_count} in · ${m.support_bits} bits`);
      r.style.borderLeftColor = colour(m.effect); r.onclick = ev => { ev.stopPropagation(); showModule(m); }; return r; }
    const list = document.getElementById('supernodes');
    const order = data.supernodes.slice().sort((a, b) => b.ands - a.ands);
    for (const s of order) {
      const effect = Math.max(0, ...s.modules.map(id => byModule.get(id).effect));
      const box = el('div', {class: 'supernode', 'data-supernode': s.id, 'data-modules': s.module_count, 'data-ands': s.ands});
      box.appendChild(el('div', {class: 'title'}, `${s.name} — ${s.module_count} modules, ${s.ands} ANDs` +
        (s.unlisted_single_and_modules ? ` (${s.unlisted_single_and_modules} single-AND modules not listed)` : '') +
        (s.modules_not_embedded ? ` (${s.modules_not_embedded} more not embedded: gatelm modules --json lists them)` : '')));
      box.style.borderLeft = `6px solid ${colour(effect)}`;
      let shown = 0; const body = el('div', {class: 'body'});
      const more = () => { const ms = s.modules.map(id => byModule.get(id)).sort((a, b) => b.effect - a.effect || b.size - a.size);
        for (const m of ms.slice(shown, shown + 200)) body.appendChild(moduleRow(m)); shown = Math.min(ms.length, shown + 200);
        body.querySelectorAll('.more').forEach(x => x.remove());
        if (shown < ms.length) { const x = el('div', {class: 'more'}, `${ms.length - shown} more…`); x.onclick = ev => { ev.stopPropagation(); more(); }; body.appendChild(x); } };
      box.onclick = () => { if (shown === 0) more(); else { body.innerHTML = ''; shown = 0; } };
      box.appendChild(body); list.appendChild(box); }
    const search = document.getElementById('search'), results = document.getElementById('search-results');
    search.oninput = () => { results.innerHTML = ''; const q = search.value.trim(); if (q.length < 2) return;
      const hits = data.modules.filter(m => m.root.includes(q) || m.inputs.some(n => n.includes(q))).slice(0, 50);
      for (const m of hits) results.appendChild(moduleRow(m)); };
    if (data.trace) {
      const t = document.getElementById('trace'); t.appendChild(el('h2', {}, `Prompt ${JSON.stringify(data.prompt)}: next byte`));
      const table = el('table', {id: 'top'}); table.appendChild(el('tr')).innerHTML = '<th>byte</th><th>score</th><th>probability</th>';
      for (const b of data.trace.top) { const r = el('tr', {class: 'top', 'data-byte': b.byte, 'data-score': b.score, 'data-probability': b.probability});
        r.appendChild(el('td', {}, b.text)); r.appendChild(el('td', {}, String(b.score))); r.appendChild(el('td', {}, b.probability.toFixed(4))); table.appendChild(r); }
      t.appendChild(table);
      if (data.attribution) { const a = data.attribution;
        t.appendChild(el('p', {id: 'attribution', 'data-target': a.target, 'data-graph-nodes': a.graph.length},
          `Attribution to ${a.target_text}: ${a.graph.length} nodes move its score; modules are coloured by the largest effect of their nodes.`)); } }
    if (data.latch_dependencies) { const g = data.latch_dependencies, box = document.getElementById('latches');
      box.appendChild(el('h2', {}, `State machine: ${g.latch_count} latches, ${g.components.length} strongly connected components`));
      box.appendChild(el('p', {class: 'hint'}, `${g.edges} dependencies (${g.self_loops} self-loops); ${g.input_only_latches} latches read no state. Click a component: ▲ it reads, ▼ reads it.`));
      const rows = new Map(), readers = new Map();
      for (const c of g.components) for (const r of c.reads) { if (!readers.has(r)) readers.set(r, []); readers.get(r).push(c.id); }
      const mark = c => { for (const [id, r] of rows) { r.style.background = id === c.id ? '#ffe9a8' : '';
          r.dataset.mark = id === c.id ? 'self' : c.reads.includes(id) ? 'reads' : (readers.get(c.id) || []).includes(id) ? 'reader' : '';
          r.firstChild.textContent = r.dataset.mark === 'reads' ? '▲ ' : r.dataset.mark === 'reader' ? '▼ ' : ''; } };
      const shown = g.components.slice().sort((a, b) => b.latches.length - a.latches.length).slice(0, 300);
      for (const c of shown) { const r = el('div', {class: 'module', 'data-component': c.id, 'data-latches': c.latches.length});
        r.appendChild(el('span', {}, '')); r.appendChild(document.createTextNode(`#${c.id} · ${c.latches.length} latch${c.latches.length === 1 ? '' : 'es'}${c.cyclic ? '' : ' (no feedback)'} · ` +
          `${c.latches.slice(0, 6).join(' ')}${c.latches.length > 6 ? ' …' : ''} · reads ${c.reads.length} component${c.reads.length === 1 ? '' : 's'}${c.reads_input ? ' and the input' : ''}`));
        r.onclick = () => mark(c); rows.set(c.id, r); box.appendChild(r); }
      if (g.components.length > shown.length) box.appendChild(el('p', {class: 'hint'}, `${g.components.length - shown.length} smaller components not listed (see --json).`)); }
    if (data.curve_svg) { const c = document.getElementById('curve'); c.appendChild(el('h2', {}, 'Training curve')); c.insertAdjacentHTML('beforeend', data.curve_svg); }
    document.body.dataset.rendered = 'yes';
    """
}
