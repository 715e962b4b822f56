// The header's search. A button opens a dialog; the first time, Pagefind's search code and index are loaded
// (nothing before: a page costs no search bytes until its reader searches), and the filters only when the
// reader opens them (they are as large again as the first query). One search document per article holds both
// languages (scripts/archive/render.py: render_search_document); a Chinese reader's results lead to the Chinese
// pages, with their Chinese titles, and each result says the language its source was published in.
//
// Names: Pagefind's indexer and the browser cut Chinese into words with different dictionaries (文海生 is
// indexed 文|海生 but searched 文海|生). The search documents therefore also hold the vocabulary's names one
// Han character at a time, and a query is cut the same way where it holds one of those names (search-names.json,
// written by the build). The pattern matches rules.SEARCH_NAME_PIECE. Names the index holds as one word (济南,
// 青岛) are not listed and stay whole: cut into 济 and 南, a query also found every article with a word starting
// 济 and one starting 南, and took several times as long.
(() => {
  const dialog = document.getElementById("archive-search");
  if (!dialog) return;
  const root = new URL(dialog.dataset.root, document.baseURI);
  const reader = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const WORDS = {
    en: {
      original: "Original",
      en: "English",
      zh: "Chinese",
      both: "English and Chinese",
      results: (n, q) => `${n} result${n === 1 ? "" : "s"} for ${q}`,
      none: (q) => `No results for ${q}`,
      searching: (q) => `Searching for ${q}…`,
      failed: (q) => `The search for ${q} could not load. Check the connection and try again.`,
    },
    zh: {
      original: "原文",
      en: "英文",
      zh: "中文",
      both: "中英文",
      results: (n, q) => `找到 ${n} 个 ${q} 的相关结果`,
      none: (q) => `没有找到 ${q} 的相关结果`,
      searching: (q) => `正在搜索 ${q}…`,
      failed: (q) => `搜索 ${q} 未能加载，请检查网络连接后重试。`,
    },
  }[reader];
  const PAGE = 10; // results shown at a time
  const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ebef}"; // rules.HAN
  const PIECE = new RegExp(`[${HAN}]|[^\\s${HAN}]+`, "gu");
  const input = dialog.querySelector(".archive-search__input");
  const status = dialog.querySelector(".archive-search__status");
  const list = dialog.querySelector(".archive-search__results");
  const more = dialog.querySelector(".archive-search__more");
  const again = dialog.querySelector(".archive-search__again");
  const filterPanel = dialog.querySelector(".archive-search__filters");
  const filterGroups = dialog.querySelector(".archive-search__filter-groups");
  const chosen = {}; // filter name -> values ticked
  let loading = null;
  let names = [];
  let results = [];
  let shown = 0;
  let appending = Promise.resolve(); // the batch of results being shown
  let asking = Promise.resolve(); // the query Pagefind is answering
  let searchId = 0;

  // Pagefind over the index and its shards (listed in pagefind/shards.json), searched side by side in web workers
  // and merged by score: assets/search-engine.js. An engine that failed to open is opened again when next asked.
  function load() {
    const json = async (path) => {
      const response = await fetch(new URL(path, root));
      if (response.ok) return response.json();
      if (response.status === 404) return []; // no such list: no names to cut, or an index in one bundle
      throw new Error(`${path} answered ${response.status}`);
    };
    if (!loading) {
      const opening = (async () => {
        const [engine, list, shards] = await Promise.all([
          import(new URL("assets/search-engine.js", root).href),
          json("search-names.json"),
          json("pagefind/shards.json"),
        ]);
        names = list; // longest first, so 江南区企划经济局 is cut before 江南区
        return engine.open(root.href, shards, { baseUrl: root.pathname, excerptLength: 24 });
      })();
      loading = opening;
      opening.catch(() => loading === opening && (loading = null));
    }
    return loading;
  }

  // A file of the index failed to load (search-engine.js): the engine is closed, and the next search opens another,
  // which asks the server again for whatever it lacks.
  function discard(opening, error) {
    console.warn("Search: the index could not be loaded.", error);
    if (loading === opening) loading = null;
    opening.then((engine) => engine.close(), () => {});
  }

  function cutNames(term) {
    for (const name of names) {
      if (term.includes(name)) term = term.split(name).join(` ${name.match(PIECE).join(" ")} `);
    }
    return term.replace(/\s+/g, " ").trim();
  }

  // Pagefind's excerpt is text with "<" and ">" escaped and the matches in <mark>: built as DOM, never as HTML.
  function excerpt(text) {
    const p = document.createElement("p");
    text.split(/(<mark>.*?<\/mark>)/).forEach((piece) => {
      const marked = piece.startsWith("<mark>");
      const plain = (marked ? piece.slice(6, -7) : piece).replaceAll("&lt;", "<").replaceAll("&gt;", ">");
      const node = marked ? document.createElement("mark") : document.createTextNode(plain);
      if (marked) node.textContent = plain;
      p.append(node);
    });
    return p;
  }

  // Pagefind's excerpt is cut where the matches are densest, which may be the search document's tag labels or its
  // names line (single characters, there to be matched: scripts/archive/render.py, render_search_document). Each
  // follows a heading of its own, so Pagefind also gives the matches of each part apart: the text's excerpt is
  // shown, else the labels', else Pagefind's own.
  function bestExcerpt(data) {
    const part = (id) => data.sub_results.find((sub) => sub.url.split("#")[1] === id);
    const labels = part("labels");
    return part(undefined)?.excerpt ?? labels?.excerpt.replace(/^[\s·.]+/, "") ?? data.excerpt; // no heading's "·"
  }

  function item(data) {
    const { title, title_zh: titleZh, original = "" } = data.meta;
    const languages = original.split(" ").filter(Boolean);
    // Pagefind gives the search document's address, …/articles/<slug>.html; the page is …/articles/<slug>/.
    let url = data.url.replace(/\.html$/, "/");
    if (reader === "zh") url = `${root.pathname}zh/${url.slice(root.pathname.length)}`;
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = url;
    link.className = "archive-search__title";
    link.textContent = (reader === "zh" && titleZh) || title;
    const said = document.createElement("span");
    said.className = "archive-search__original";
    said.textContent = `${WORDS.original}: ${languages.length > 1 ? WORDS.both : WORDS[languages[0]] ?? ""}`;
    li.append(link, excerpt(bestExcerpt(data)), said);
    return li;
  }

  // The next PAGE results, fetched at once and shown in rank order, each as soon as it and those above it have
  // loaded: on a slow connection the first result shows without waiting for the slowest of ten. Batches are
  // appended one after the other, so that "More results" pressed twice shows each result once, in order.
  function showMore(id) {
    const start = shown;
    shown = Math.min(results.length, start + PAGE);
    const batch = results.slice(start, shown).map((result) => result.data());
    appending = appending.catch(() => {}).then(async () => { // a batch that failed to load does not stop the next
      for (const loaded of batch) {
        const data = await loaded.catch(async (error) => {
          await Promise.allSettled(batch); // each result's data asked for before the engine is given up
          throw error;
        });
        if (id !== searchId) return;
        list.append(item(data));
      }
      if (id === searchId) more.hidden = shown >= results.length;
    });
    return appending;
  }

  // The box's text searched, and its results shown. Where a file of the index fails to load, the search is asked
  // once more of a new engine (a dropped connection mostly comes back), and then the reader is told, not shown
  // "no results" or left at "Searching…": "Try again" (or Enter) asks again.
  async function search(retry = true) {
    const id = ++searchId;
    const query = input.value.trim();
    again.hidden = true;
    if (!query) {
      status.textContent = "";
      list.replaceChildren();
      more.hidden = true;
      return;
    }
    status.textContent = WORDS.searching(query);
    const opening = load();
    try {
      const engine = await opening;
      // Pagefind answers one query at a time, a broad word on a large archive in about a tenth of a second: what
      // is typed while it answers waits, and then only the newest text is asked, not every letter typed meanwhile.
      await asking.catch(() => {});
      if (id !== searchId) return;
      const filters = Object.fromEntries(Object.entries(chosen).filter(([, values]) => values.length));
      asking = engine.search(cutNames(query), { filters });
      const answer = await asking;
      if (id !== searchId) return;
      results = answer.results;
      shown = 0;
      appending = Promise.resolve(); // an earlier search's batch stops at its next result
      list.replaceChildren();
      await showMore(id);
      if (id !== searchId) return;
      status.textContent = results.length ? WORDS.results(results.length, query) : WORDS.none(query);
      if (filterPanel.open) countFilters(answer.filters);
    } catch (error) {
      discard(opening, error);
      if (id !== searchId) return;
      if (retry) return search(false);
      failed(query);
    }
  }

  function failed(query) {
    status.textContent = WORDS.failed(query);
    list.replaceChildren();
    more.hidden = true;
    again.hidden = false;
  }

  function countFilters(counts) {
    for (const box of filterGroups.querySelectorAll("input")) {
      const count = counts?.[box.name]?.[box.value];
      box.nextElementSibling.dataset.count = count ?? 0;
    }
  }

  async function showFilters() {
    if (filterGroups.childElementCount) return;
    const opening = load();
    let all;
    try {
      all = await (await opening).filters();
    } catch (error) {
      discard(opening, error); // the search that follows opens a new engine; the panel, opened again, asks again
      return;
    }
    for (const [name, values] of Object.entries(all)) {
      const group = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = name;
      group.append(legend);
      for (const [value, count] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        const text = document.createElement("span");
        text.textContent = value;
        text.dataset.count = count;
        box.addEventListener("change", () => {
          chosen[name] = [...group.querySelectorAll("input:checked")].map((checked) => checked.value);
          search();
        });
        label.append(box, text);
        group.append(label);
      }
      filterGroups.append(group);
    }
  }

  function open() {
    dialog.showModal();
    input.focus();
    load(); // start fetching while the reader types
  }

  // While an input method composes (pinyin becoming 青岛), the box holds the letters typed so far: the search
  // waits for the composed text.
  input.addEventListener("input", (event) => event.isComposing || search());
  input.addEventListener("compositionend", () => search());
  dialog.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    search(); // Enter: asks again, as "Try again" does
  });
  again.addEventListener("click", () => {
    search();
    input.focus();
  });
  more.addEventListener("click", () => {
    const id = searchId;
    const opening = loading;
    showMore(id).catch((error) => {
      if (opening) discard(opening, error);
      if (id === searchId) failed(input.value.trim());
    });
  });
  filterPanel.addEventListener("toggle", () => filterPanel.open && showFilters().then(search));
  for (const button of document.querySelectorAll("[data-archive-search-open]")) button.addEventListener("click", open);
  dialog.querySelector("[data-archive-search-close]").addEventListener("click", () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  // "/" opens the search from anywhere but a text field, as on many sites.
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !dialog.open) {
      event.preventDefault();
      open();
    }
  });
})();
