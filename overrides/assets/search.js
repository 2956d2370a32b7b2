/* The portal's search, loaded only when a reader opens the search box.
 *
 * Mirrors generator/search.py: the same folding (lower case, đ→d, accents stripped), the same
 * terms (syllables and adjacent pairs), the same FNV-1a shard hash. Fetches meta.json once,
 * then only the shards of the query's terms and the metadata chunks of the results shown.
 */
(function () {
  "use strict";
  var form = document.querySelector(".vb-search");
  if (!form || form.portalSearch) return;
  form.portalSearch = true;
  var base = form.getAttribute("data-base") + "/";
  var root = base + "search/";
  var input = form.querySelector("input");
  var panel = form.querySelector(".vb-search__results");
  var cache = {};
  var meta = null;
  var filters = { type: "", year: "", issuer: "" };
  var shown = 10;
  var timer = 0;
  var generation = 0;

  function fetchJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return cache[path];
  }

  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function queryTerms(query) {
    var syllables = fold(query).match(/[a-z0-9]+/g) || [];
    var terms = [];
    syllables.forEach(function (syllable) { terms.push({ term: syllable, weight: 1 }); });
    for (var i = 0; i + 1 < syllables.length; i++) {
      terms.push({ term: syllables[i] + "_" + syllables[i + 1], weight: 3 });
    }
    return { terms: terms, pairs: Math.max(0, syllables.length - 1) };
  }

  function shardOf(term, shards) {
    var bytes = new TextEncoder().encode(term);
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value ^= bytes[i];
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % shards;
  }

  function decode(items, each) {
    var id = 0;
    items.forEach(function (item) {
      var dot = item.indexOf(".");
      id += parseInt(dot < 0 ? item : item.slice(0, dot), 36);
      each(id, dot < 0 ? 1 : parseInt(item.slice(dot + 1), 36));
    });
  }

  function passes(id) {
    var facet = meta.facets.substr(id * 3, 3);
    return (!filters.type || facet[0] === filters.type) &&
      (!filters.year || facet[1] === filters.year) &&
      (!filters.issuer || facet[2] === filters.issuer);
  }

  function rank(query) {
    var parsed = queryTerms(query);
    var wanted = parsed.terms.filter(function (t, i, all) {
      return all.findIndex(function (o) { return o.term === t.term; }) === i;
    });
    var shardIds = {};
    wanted.forEach(function (t) { shardIds[shardOf(t.term, meta.shards).toString(16)] = true; });
    return Promise.all(Object.keys(shardIds).map(function (id) {
      return fetchJSON("s/" + id + ".json");
    })).then(function (shardList) {
      var index = Object.assign.apply(null, [{}].concat(shardList));
      var scores = {}, pairs = {};
      wanted.forEach(function (t) {
        var postings = index[t.term];
        if (!postings) return;
        var items = postings.split(",");
        var idf = Math.log(1 + meta.documents / items.length);
        decode(items, function (id, score) {
          if (!passes(id)) return;
          scores[id] = (scores[id] || 0) + t.weight * score * idf;
          if (t.weight > 1) pairs[id] = (pairs[id] || 0) + 1;
        });
      });
      // A document holding every pair of the query holds the phrase's words in order.
      Object.keys(scores).forEach(function (id) {
        if (parsed.pairs && pairs[id] === parsed.pairs) scores[id] *= 4;
      });
      return Object.keys(scores).map(Number).sort(function (a, b) {
        return scores[b] - scores[a] || a - b;
      });
    });
  }

  function rows(ids) {
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (chunk) {
      return fetchJSON("d/" + Number(chunk).toString(16) + ".json").then(function (list) {
        return [Number(chunk), list];
      });
    })).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      return ids.map(function (id) { return byChunk[Math.floor(id / meta.chunk)][id % meta.chunk]; });
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function select(label, key, values) {
    var wrapper = element("label", "vb-search__filter");
    wrapper.appendChild(element("span", "vb-hidden", label));
    var box = element("select");
    box.appendChild(new Option(label + ": tất cả", ""));
    values.forEach(function (value, i) { box.appendChild(new Option(String(value), i.toString(36))); });
    box.value = filters[key];
    box.addEventListener("change", function () { filters[key] = box.value; search(); });
    wrapper.appendChild(box);
    return wrapper;
  }

  function render(query, results, total) {
    panel.textContent = "";
    var bar = element("div", "vb-search__filters");
    bar.appendChild(select("Loại", "type", meta.types));
    bar.appendChild(select("Năm", "year", meta.years));
    bar.appendChild(select("Cơ quan", "issuer", meta.issuers));
    panel.appendChild(bar);
    var exact = query.normalize("NFC").toLowerCase().trim();
    // An exact, accented match of the subject or the number ranks above a folded one.
    results.sort(function (a, b) {
      function hit(row) {
        return row[4].toLowerCase().indexOf(exact) >= 0 || row[1].toLowerCase() === exact ? 1 : 0;
      }
      return hit(b) - hit(a);
    });
    var count = element("p", "vb-search__count");
    count.setAttribute("role", "status");
    panel.appendChild(count);
    count.textContent = (total
      ? total + " văn bản phù hợp" + (total > results.length ? ", hiện " + results.length + " văn bản đầu" : "")
      : "Không tìm thấy văn bản phù hợp với \u201c" + query + "\u201d.");
    var list = element("ol", "vb-search__list");
    results.forEach(function (row) {
      var item = element("li", "vb-search__item");
      var link = element("a");
      link.href = base + row[0];
      link.appendChild(element("span", "vb-item-label", [row[3], row[1]].filter(Boolean).join(" ")));
      link.appendChild(element("span", "vb-item-title", row[4]));
      item.appendChild(link);
      item.appendChild(element("span", "vb-item-meta", row[2] || "chưa có ngày"));
      list.appendChild(item);
    });
    panel.appendChild(list);
    panel.hidden = false;
  }

  function search() {
    var query = input.value.trim();
    var mine = ++generation;
    if (!query) { panel.hidden = true; return; }
    var ready = meta ? Promise.resolve(meta) : fetchJSON("meta.json").then(function (m) { meta = m; return m; });
    ready.then(function () { return rank(query); }).then(function (ids) {
      return rows(ids.slice(0, shown)).then(function (found) {
        if (mine === generation) render(query, found, ids.length);
      });
    }).catch(function () {
      if (mine !== generation) return;
      panel.textContent = "Không tải được dữ liệu tìm kiếm. Vui lòng thử lại.";
      panel.hidden = false;
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; input.blur(); }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) panel.hidden = true;
  });
  if (input.value.trim()) search();
})();
