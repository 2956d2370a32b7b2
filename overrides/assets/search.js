/* The portal's search, loaded only when a reader opens the search box (or opens the results
 * page, /tim-kiem/?q=…, which is itself a query).
 *
 * Mirrors generator/search.py: the same folding (lower case, đ→d, accents stripped, leading
 * zeros of numbers dropped), the same keys (syllables, adjacent pairs, leading parts of a
 * document number), the same FNV-1a shard hash, the same three encodings of a set of document
 * ids. Fetches meta.json once, then only the shards of the query's keys and the metadata chunks
 * of the results shown.
 *
 * A result holds every syllable of the query. Ranking: the document whose number equals, then
 * starts with, the query; then the heading (number, type, trích yếu) holding the query as a
 * phrase; the heading holding every word; the text holding the phrase; the rest. Within each,
 * documents spelled with the query's accents first, then newest first (ids are newest first).
 */
(function () {
  "use strict";
  if (window.portalSearch) return;
  var form = document.querySelector("form.vb-search");
  var pageRoot = document.querySelector("[data-vb-search-page]");
  var host = form || pageRoot;
  if (!host) return;
  window.portalSearch = true;

  // "" at the root of a site or "/cong" under a sub-path (the 404 page has absolute paths),
  // "." or ".." from an ordinary page.
  var base = (host.getAttribute("data-base") || "").replace(/\/+$/, "");
  // The results page as the header's form names it: "tim-kiem/" under base, or
  // "tim-kiem/index.html" on a site built without directory URLs.
  var resultsUrl = (form && form.getAttribute("action")) || base + "/tim-kiem/";
  var DROPDOWN = 8;
  var PAGE = 20;
  var MAX_WORDS = 12;
  var PARAMS = { type: "loai", year: "nam", issuer: "coquan" };

  // -- the engine --------------------------------------------------------------------------

  var cache = {};
  var meta = null;
  var decoded = {};
  var masks = {};

  function fetchJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + "/search/" + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
      // A failed request may be tried again (a dropped connection on a phone).
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function loadMeta() {
    if (meta) return Promise.resolve(meta);
    return fetchJSON("meta.json").then(function (m) { meta = m; return m; });
  }

  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/(^|[^a-z0-9])0+(?=[0-9])/g, "$1");
  }

  function syllablesOf(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  /* What a query asks for: its syllables (at most MAX_WORDS different ones), adjacent pairs,
   * the accented spellings it insists on, and whether it is written as a document number. */
  function parse(query) {
    var all = syllablesOf(query);
    var words = [];
    var sequence = [];
    for (var i = 0; i < all.length; i++) {
      if (words.indexOf(all[i]) < 0) {
        if (words.length === MAX_WORDS) break;
        words.push(all[i]);
      }
      sequence.push(all[i]);
    }
    var pairs = [];
    for (var j = 0; j + 1 < sequence.length; j++) {
      var pair = sequence[j] + "_" + sequence[j + 1];
      if (pairs.indexOf(pair) < 0) pairs.push(pair);
    }
    var spelled = {};
    (query.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) || []).forEach(function (word) {
      if (/^[\x00-\x7f]*$/.test(word)) return;
      var folded = fold(word);
      if (/^[a-z0-9]+$/.test(folded) && words.indexOf(folded) >= 0) spelled[word] = folded;
    });
    var numeric = sequence.length > 0 && /^[0-9]+$/.test(sequence[0]);
    return {
      text: query,
      words: words,
      capped: words.length < uniqueCount(all),
      pairs: pairs,
      spelled: spelled,
      numberKey: numeric ? "#" + sequence.join("_") : null,
      // "340/TB-VPUB", "429-QĐ/TU", "30/2020/NĐ-CP": a number with its symbol. A date
      // ("05/12/2025") or a bare "340" is not one.
      isNumber: numeric && /^\s*[0-9]+\s*[\/-]/.test(query) &&
        sequence.slice(1).some(function (s) { return /[a-z]/.test(s); })
    };
  }

  function uniqueCount(list) {
    var seen = {};
    list.forEach(function (item) { seen[item] = true; });
    return Object.keys(seen).length;
  }

  function shardOf(key, shards) {
    var bytes = new TextEncoder().encode(key);
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value ^= bytes[i];
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % shards;
  }

  // -- sets of document ids, as bitmaps of 32-bit words -----------------------------------

  function words32() { return new Uint32Array((meta.documents + 31) >>> 5); }

  function everything() {
    if (!masks[""]) {
      var set = masks[""] = words32();
      for (var i = 0; i < meta.documents; i++) set[i >>> 5] |= 1 << (i & 31);
    }
    return masks[""];
  }

  function decodeSet(text) {
    var set = words32();
    if (!text) return set;
    var id = 0;
    if (text[0] === "~") {
      var raw = atob(text.slice(1).replace(/-/g, "+").replace(/_/g, "/"));
      for (var b = 0; b < raw.length && (b >>> 2) < set.length; b++) {
        set[b >>> 2] |= raw.charCodeAt(b) << ((b & 3) * 8);
      }
    } else if (text[0] === "!") {
      var runs = text.slice(1).split(",");
      for (var r = 0; r + 1 < runs.length; r += 2) {
        id += parseInt(runs[r], 36);
        var end = id + parseInt(runs[r + 1], 36);
        for (; id < end; id++) set[id >>> 5] |= 1 << (id & 31);
      }
    } else {
      text.split(",").forEach(function (gap) {
        id += parseInt(gap, 36);
        set[id >>> 5] |= 1 << (id & 31);
      });
    }
    return set;
  }

  function and(a, b) {
    var out = new Uint32Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = a[i] & b[i];
    return out;
  }

  function or(a, b) {
    var out = new Uint32Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = a[i] | b[i];
    return out;
  }

  function has(set, id) { return (set[id >>> 5] >>> (id & 31)) & 1; }

  function count(set) {
    var total = 0;
    for (var i = 0; i < set.length; i++) {
      var v = set[i] - ((set[i] >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  function members(set) {
    var ids = [];
    for (var i = 0; i < set.length; i++) {
      var word = set[i];
      while (word) {
        var low = word & -word;
        ids.push(i * 32 + 31 - Math.clz32(low));
        word ^= low;
      }
    }
    return ids;
  }

  /* Documents passing the type, year and issuer filters (given by name, as in the address).
   * The facets (three characters a document) are fetched only once a filter is chosen. */
  function filterMask(filters, facets) {
    var codes = {
      type: meta.types.indexOf(filters.type),
      year: meta.years.map(String).indexOf(String(filters.year)),
      issuer: meta.issuers.indexOf(filters.issuer)
    };
    var wanted = [codes.type, codes.year, codes.issuer].map(function (code) {
      return code < 0 ? "" : code.toString(36);
    });
    var name = wanted.join("|");
    if (masks[name]) return masks[name];
    var set = words32();
    for (var id = 0; id < meta.documents; id++) {
      var ok = true;
      for (var k = 0; k < 3; k++) {
        if (wanted[k] && facets[id * 3 + k] !== wanted[k]) ok = false;
      }
      if (ok) set[id >>> 5] |= 1 << (id & 31);
    }
    masks[name] = set;
    return set;
  }

  function entries(keys) {
    var shardIds = {};
    keys.forEach(function (key) { shardIds[shardOf(key, meta.shards).toString(16)] = true; });
    return Promise.all(Object.keys(shardIds).map(function (id) {
      return fetchJSON("s/" + id + ".json");
    })).then(function (shards) {
      var found = {};
      keys.forEach(function (key) {
        for (var i = 0; i < shards.length; i++) {
          if (Object.prototype.hasOwnProperty.call(shards[i], key)) found[key] = shards[i][key];
        }
      });
      return found;
    });
  }

  /* A decoded set of an entry. A set written "^…" is what its base has and it lacks: a
   * syllable's heading and spellings within its documents, a pair within the documents (or
   * headings) of both its syllables, which the query always fetches with it. */
  function setOf(found, key, index) {
    var name = key + "\u0000" + index;
    if (!decoded[name]) {
      var entry = found[key];
      decoded[name] = within(entry ? entry[index] : "", function () {
        var parts = key.split("_");
        return parts.length === 2 ? and(setOf(found, parts[0], index), setOf(found, parts[1], index))
          : setOf(found, key, 0);
      });
    }
    return decoded[name];
  }

  function within(text, base) {
    if (!text || text[0] !== "^") return decodeSet(text);
    var lacking = decodeSet(text.slice(1));
    var out = base().slice();
    for (var i = 0; i < out.length; i++) out[i] &= ~lacking[i];
    return out;
  }

  function spellingSet(found, folded, word) {
    var name = folded + "\u0000~" + word;
    if (!decoded[name]) {
      var entry = found[folded];
      decoded[name] = within(entry && entry[2] && entry[2][word] ? entry[2][word] : "", function () {
        return setOf(found, folded, 0);
      });
    }
    return decoded[name];
  }

  /* The answer to a query: every matching id ranked, and, when nothing matches, the closest
   * partial matches, kept apart. */
  function search(query, filters) {
    var parsed = parse(query);
    var answer = { parsed: parsed, ids: [], partial: [], partialKind: "" };
    if (!parsed.words.length) return Promise.resolve(answer);
    var filtered = filters.type || filters.year || filters.issuer;
    var found;
    return loadMeta().then(function () {
      var keys = parsed.words.concat(parsed.pairs);
      if (parsed.numberKey) keys.push(parsed.numberKey);
      return Promise.all([entries(keys), filtered ? fetchJSON("f.json") : null]);
    }).then(function (loaded) {
      found = loaded[0];
      var mask = loaded[1] === null ? everything() : filterMask(filters, loaded[1]);
      var anywhere = mask, heading = mask, phrase = mask, headingPhrase = mask;
      parsed.words.forEach(function (word) {
        anywhere = and(anywhere, setOf(found, word, 0));
        heading = and(heading, setOf(found, word, 1));
      });
      parsed.pairs.forEach(function (pair) {
        phrase = and(phrase, setOf(found, pair, 0));
        headingPhrase = and(headingPhrase, setOf(found, pair, 1));
      });
      phrase = and(phrase, anywhere);
      headingPhrase = and(headingPhrase, heading);
      var equal = words32(), prefix = words32();
      if (parsed.numberKey) {
        equal = and(setOf(found, parsed.numberKey, 0), mask);
        prefix = and(setOf(found, parsed.numberKey, 1), mask);
      }
      var exact = null;
      Object.keys(parsed.spelled).forEach(function (word) {
        var spelled = spellingSet(found, parsed.spelled[word], word);
        exact = exact ? and(exact, spelled) : spelled;
      });
      var carriers = or(equal, prefix);
      var matches = anywhere;
      if (parsed.isNumber) {
        // A number: the documents that carry it, and those that cite it only if one does.
        if (count(carriers)) {
          matches = or(carriers, phrase);
        } else {
          matches = words32();
          answer.partial = members(phrase);
          answer.partialKind = "cites";
        }
      }
      var tiers = [equal, prefix, headingPhrase, heading, phrase];
      var buckets = [];
      for (var t = 0; t <= 2 * tiers.length + 1; t++) buckets.push([]);
      members(matches).forEach(function (id) {
        var tier = 0;
        while (tier < tiers.length && !has(tiers[tier], id)) tier++;
        buckets[2 * tier + (exact && !has(exact, id) ? 1 : 0)].push(id);
      });
      answer.ids = [].concat.apply([], buckets);
      if (!answer.ids.length && !parsed.isNumber && parsed.words.length > 1) {
        answer.partial = closest(found, parsed, mask);
        answer.partialKind = "some";
      }
      return answer;
    });
  }

  /* Documents holding the most words of the query (but not all of them); among those, the
   * ones whose heading holds more of the query's words and pairs, then the newest. */
  function closest(found, parsed, mask) {
    var words = {}, heading = {}, best = 0;
    parsed.words.forEach(function (word) {
      var inHeading = setOf(found, word, 1);
      members(and(setOf(found, word, 0), mask)).forEach(function (id) {
        words[id] = (words[id] || 0) + 1;
        heading[id] = (heading[id] || 0) + has(inHeading, id);
        best = Math.max(best, words[id]);
      });
    });
    // A document with fewer than half the words is no help.
    if (2 * best < parsed.words.length) return [];
    parsed.pairs.forEach(function (pair) {
      var inHeading = setOf(found, pair, 1);
      Object.keys(heading).forEach(function (id) { heading[id] += 2 * has(inHeading, Number(id)); });
    });
    var ids = Object.keys(words).map(Number).filter(function (id) { return words[id] === best; });
    ids.sort(function (a, b) { return (heading[b] - heading[a]) || a - b; });
    ids.best = best;
    return ids;
  }

  function rows(ids) {
    return loadMeta().then(function () {
      var chunks = {};
      ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
      return Promise.all(Object.keys(chunks).map(function (chunk) {
        return fetchJSON("d/" + Number(chunk).toString(16) + ".json").then(function (list) {
          return [Number(chunk), list];
        });
      }));
    }).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      return ids.map(function (id) { return byChunk[Math.floor(id / meta.chunk)][id % meta.chunk]; });
    });
  }

  // -- what the reader sees ----------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function quoted(text) {
    var shown = text.trim();
    if (shown.length > 80) shown = shown.slice(0, 80) + "…";
    return "\u201c" + shown + "\u201d";
  }

  function resultsAddress(query, filters, page) {
    var params = new URLSearchParams();
    params.set("q", query);
    Object.keys(PARAMS).forEach(function (key) {
      if (filters[key]) params.set(PARAMS[key], filters[key]);
    });
    if (page > 1) params.set("trang", String(page));
    return resultsUrl + "?" + params.toString();
  }

  function summary(answer, total) {
    var parsed = answer.parsed;
    if (!parsed.words.length) {
      return "Không tìm thấy văn bản phù hợp với " + quoted(parsed.text) +
        ". Hãy nhập số ký hiệu (ví dụ 340/TB-VPUB) hoặc từ trong trích yếu.";
    }
    var note = parsed.capped ? " (chỉ tìm theo " + MAX_WORDS + " từ đầu)" : "";
    if (total) return total + " văn bản phù hợp" + note;
    if (parsed.isNumber) {
      return "Không tìm thấy văn bản số " + parsed.text.trim() + " trên Cổng" + note + ".";
    }
    return "Không tìm thấy văn bản phù hợp với " + quoted(parsed.text) + note + ".";
  }

  function partialHeading(answer) {
    if (answer.partialKind === "cites") {
      return "Văn bản có nhắc đến số " + answer.parsed.text.trim();
    }
    return "Kết quả gần đúng: văn bản chứa " + answer.partial.best + " trên " +
      answer.parsed.words.length + " từ tìm kiếm";
  }

  function item(row, id, option) {
    var li = element("li", "vb-search__item");
    var link = element("a");
    link.href = base + "/" + row[0];
    if (option) {
      li.setAttribute("role", "none");
      link.setAttribute("role", "option");
      link.setAttribute("tabindex", "-1");
      link.setAttribute("aria-selected", "false");
      link.id = option + "-" + id;
    }
    link.appendChild(element("span", "vb-item-label", [row[3], row[1]].filter(Boolean).join(" ")));
    link.appendChild(element("span", "vb-item-title", row[4]));
    li.appendChild(link);
    li.appendChild(element("span", "vb-item-meta", row[2] || "chưa có ngày"));
    return li;
  }

  function filterBar(filters, onChange) {
    var bar = element("div", "vb-search__filters");
    [["type", "Loại văn bản", meta.types], ["year", "Năm", meta.years],
      ["issuer", "Cơ quan ban hành", meta.issuers]].forEach(function (spec) {
      var key = spec[0];
      var wrapper = element("label", "vb-search__filter");
      wrapper.appendChild(element("span", "vb-hidden", spec[1]));
      var box = element("select");
      box.name = PARAMS[key];
      box.appendChild(new Option(spec[1] + ": tất cả", ""));
      spec[2].forEach(function (value) { box.appendChild(new Option(String(value), String(value))); });
      box.value = filters[key] || "";
      if (box.value !== String(filters[key] || "")) filters[key] = "";
      // The list is updated in place, so the select keeps the focus.
      box.addEventListener("change", function () { filters[key] = box.value; onChange(); });
      wrapper.appendChild(box);
      bar.appendChild(wrapper);
    });
    return bar;
  }

  /* Marks a panel as showing the answer to a query: typing outruns the network, so tests and
   * tools wait for this rather than for time to pass. */
  function answered(node, query) {
    node.setAttribute("data-query", query);
    node.setAttribute("data-renders", String(Number(node.getAttribute("data-renders") || 0) + 1));
  }

  function failure(status) {
    status.textContent = "Không tải được dữ liệu tìm kiếm. Vui lòng thử lại.";
  }

  // -- the box in the header: top results as the reader types --------------------------------

  function dropdown(form) {
    var input = form.querySelector("input");
    var panel = form.querySelector(".vb-search__results");
    var listId = "vb-search-options";
    var filters = { type: "", year: "", issuer: "" };
    var timer = 0, generation = 0, active = -1, options = [], built = false;
    var status, list, partialBox, more;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");

    function build() {
      if (built) return;
      built = true;
      panel.textContent = "";
      panel.appendChild(filterBar(filters, run));
      status = element("p", "vb-search__count");
      status.setAttribute("role", "status");
      panel.appendChild(status);
      partialBox = element("p", "vb-search__partial");
      partialBox.hidden = true;
      panel.appendChild(partialBox);
      list = element("ol", "vb-search__list");
      list.id = listId;
      list.setAttribute("role", "listbox");
      panel.appendChild(list);
      more = element("a", "vb-search__more");
      panel.appendChild(more);
      input.setAttribute("aria-controls", listId);
    }

    function show(open) {
      panel.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) highlight(-1);
    }

    function highlight(index) {
      if (options[active]) {
        options[active].setAttribute("aria-selected", "false");
        options[active].parentNode.classList.remove("vb-search__item--active");
      }
      active = index;
      if (options[active]) {
        options[active].setAttribute("aria-selected", "true");
        options[active].parentNode.classList.add("vb-search__item--active");
        options[active].scrollIntoView({ block: "nearest" });
        input.setAttribute("aria-activedescendant", options[active].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function run() {
      var query = input.value;
      var mine = ++generation;
      if (!query.trim()) { show(false); return; }
      loadMeta().then(function () {
        build();
        return search(query, filters);
      }).then(function (answer) {
        var shown = answer.ids.length ? answer.ids.slice(0, DROPDOWN) : answer.partial.slice(0, 5);
        return rows(shown).then(function (found) {
          if (mine === generation) render(answer, shown, found);
        });
      }).catch(function () {
        if (mine !== generation) return;
        build();
        list.textContent = "";
        failure(status);
        answered(panel, query);
        show(true);
      });
    }

    function render(answer, shown, found) {
      var total = answer.ids.length;
      highlight(-1);
      list.textContent = "";
      options = [];
      found.forEach(function (row, i) {
        var li = item(row, shown[i], "vb-search-option");
        options.push(li.firstChild);
        list.appendChild(li);
      });
      // Partial matches are not results: they come after the plain "not found", labelled.
      partialBox.hidden = !!total || !found.length;
      partialBox.textContent = partialBox.hidden ? "" : partialHeading(answer);
      list.setAttribute("aria-label", partialBox.hidden ? "Kết quả tìm kiếm" : partialBox.textContent);
      status.textContent = summary(answer, total) +
        (total > shown.length ? ", hiện " + shown.length + " văn bản đầu." : "");
      more.hidden = !total;
      more.textContent = "Xem tất cả " + total + " kết quả";
      more.href = resultsAddress(answer.parsed.text.trim(), filters, 1);
      answered(panel, answer.parsed.text);
      show(true);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (panel.hidden) { if (input.value.trim()) run(); return; }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next < -1) next = options.length - 1;
        if (next >= options.length) next = -1;
        highlight(next);
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (!panel.hidden && options[active]) {
          window.location.href = options[active].href;
        } else if (input.value.trim()) {
          window.location.href = resultsAddress(input.value.trim(), filters, 1);
        }
      } else if (event.key === "Escape") {
        show(false);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value.trim()) window.location.href = resultsAddress(input.value.trim(), filters, 1);
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) show(false);
    });
    if (input.value.trim()) run();
  }

  // -- the results page: every match, twenty a page, the query in the address ----------------

  function resultsPage(root) {
    var pageForm = root.querySelector("form");
    var input = pageForm.querySelector("input[name=q]");
    var status = root.querySelector(".vb-results__count");
    var list = root.querySelector(".vb-results__list");
    var pager = root.querySelector(".vb-results__pages");
    var partialBox = root.querySelector(".vb-results__partial");
    var bar = root.querySelector(".vb-results__filters");
    var filters = { type: "", year: "", issuer: "" };
    var page = 1, generation = 0;

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      input.value = params.get("q") || "";
      Object.keys(PARAMS).forEach(function (key) { filters[key] = params.get(PARAMS[key]) || ""; });
      page = Math.max(1, parseInt(params.get("trang") || "1", 10) || 1);
    }

    function writeAddress(push) {
      var address = resultsAddress(input.value.trim(), filters, page);
      if (push) window.history.pushState(null, "", address);
      else window.history.replaceState(null, "", address);
    }

    function run(focusTarget) {
      var query = input.value;
      var mine = ++generation;
      list.textContent = "";
      partialBox.textContent = "";
      pager.textContent = "";
      if (!query.trim()) {
        status.textContent = "Nhập số ký hiệu hoặc từ trong trích yếu để tìm văn bản.";
        answered(root, query);
        return;
      }
      status.textContent = "Đang tìm…";
      loadMeta().then(function () {
        if (!bar.firstChild) {
          bar.appendChild(filterBar(filters, function () {
            page = 1;
            writeAddress(false);
            run();
          }));
        }
        return search(query, filters);
      }).then(function (answer) {
        var total = answer.ids.length;
        var pages = Math.max(1, Math.ceil(total / PAGE));
        if (page > pages) page = pages;
        var shown = total ? answer.ids.slice((page - 1) * PAGE, page * PAGE) : answer.partial.slice(0, PAGE);
        return rows(shown).then(function (found) {
          if (mine !== generation) return;
          var target = list;
          if (!total && found.length) {
            partialBox.appendChild(element("h2", "vb-results__partial-title", partialHeading(answer)));
            target = element("ol", "vb-search__list vb-results__list");
            partialBox.appendChild(target);
          }
          found.forEach(function (row, i) { target.appendChild(item(row, shown[i], "")); });
          status.textContent = summary(answer, total) +
            (pages > 1 ? " — trang " + page + "/" + pages + "." : "");
          document.title = (total ? total + " kết quả" : "Không có kết quả") + " cho " +
            quoted(query) + " — Tìm kiếm văn bản";
          paginate(pages, answer.parsed.text.trim());
          answered(root, query);
          if (focusTarget) focusTarget.focus();
        });
      }).catch(function () {
        if (mine !== generation) return;
        failure(status);
        answered(root, query);
      });
    }

    function paginate(pages, query) {
      if (pages < 2) return;
      var nav = element("nav", "vb-results__pager");
      nav.setAttribute("aria-label", "Phân trang kết quả");
      var ul = element("ul");
      function link(number, text, label) {
        var li = element("li");
        if (number === page && !label) {
          var current = element("span", "vb-results__current", text);
          current.setAttribute("aria-current", "page");
          li.appendChild(current);
        } else {
          var a = element("a", "", text);
          a.href = resultsAddress(query, filters, number);
          if (label) a.setAttribute("aria-label", label);
          a.addEventListener("click", function (event) {
            event.preventDefault();
            page = number;
            writeAddress(true);
            run(status);
          });
          li.appendChild(a);
        }
        ul.appendChild(li);
      }
      if (page > 1) link(page - 1, "‹ Trước", "Trang trước");
      var first = Math.max(1, Math.min(page - 2, pages - 4));
      var last = Math.min(pages, first + 4);
      if (first > 1) link(1, "1", "");
      if (first > 2) ul.appendChild(element("li", "vb-results__gap", "…"));
      for (var n = first; n <= last; n++) link(n, String(n), "");
      if (last < pages - 1) ul.appendChild(element("li", "vb-results__gap", "…"));
      if (last < pages) link(pages, String(pages), "");
      if (page < pages) link(page + 1, "Sau ›", "Trang sau");
      nav.appendChild(ul);
      pager.appendChild(nav);
    }

    status.setAttribute("tabindex", "-1");
    pageForm.addEventListener("submit", function (event) {
      event.preventDefault();
      page = 1;
      writeAddress(true);
      run();
    });
    window.addEventListener("popstate", function () {
      readAddress();
      syncFilters();
      run();
    });

    function syncFilters() {
      var selects = bar.querySelectorAll("select");
      ["type", "year", "issuer"].forEach(function (key, i) {
        if (selects[i]) selects[i].value = filters[key];
      });
    }

    readAddress();
    run();
  }

  if (form) dropdown(form);
  if (pageRoot) resultsPage(pageRoot);
})();
