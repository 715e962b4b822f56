// The header's search: a button opens a dialog, and Pagefind's interface is loaded into it the first time, so a
// page downloads no search code until its reader searches. One page per article is indexed, the English one,
// which carries the text in both languages (scripts/archive/rules.py: SEARCHED_LANGUAGE); a Chinese reader's
// results lead to the Chinese pages, with their Chinese titles. Each result says its original language.
//
// Names: Pagefind's indexer and the browser cut Chinese into words with different dictionaries (文海生 is
// indexed 文|海生 but searched 文海|生). Article pages therefore also index the vocabulary's names one Han
// character at a time (scripts/archive/render.py), and a query is cut the same way where it holds one of those
// names (search-names.json, written by the build). The pattern matches rules.SEARCH_NAME_PIECE.
(() => {
  const dialog = document.getElementById("archive-search");
  if (!dialog) return;
  const root = new URL(dialog.dataset.root, document.baseURI);
  const bundle = new URL("pagefind/", root);
  const reader = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const ORIGINAL = {
    en: { key: "Original", en: "English", zh: "Chinese", both: "English and Chinese" },
    zh: { key: "原文", en: "英文", zh: "中文", both: "中英文" },
  };
  const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
  const PIECE = new RegExp(`[${HAN}]|[^\\s${HAN}]+`, "gu");
  let loading = null;
  let names = [];

  function cutNames(term) {
    for (const name of names) {
      if (term.includes(name)) term = term.split(name).join(` ${name.match(PIECE).join(" ")} `);
    }
    return term.replace(/\s+/g, " ").trim();
  }

  function inReadersLanguage(result) {
    const words = ORIGINAL[reader];
    const { original = "", title_zh: titleZh, ...meta } = result.meta;
    const languages = original.split(" ").filter(Boolean);
    const said = languages.length > 1 ? words.both : words[languages[0]];
    result.meta = said ? { ...meta, [words.key]: said } : meta;
    if (reader === "zh") {
      if (titleZh) result.meta.title = titleZh;
      const path = result.url.startsWith(root.pathname) ? result.url.slice(root.pathname.length) : result.url;
      result.url = `${root.pathname}zh/${path}`;
    }
    return result;
  }

  function load() {
    loading ??= new Promise((resolve, reject) => {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind-ui.css", bundle).href;
      const script = document.createElement("script");
      script.src = new URL("pagefind-ui.js", bundle).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(style, script);
    })
      .then(() => fetch(new URL("search-names.json", root)))
      .then((response) => (response.ok ? response.json() : []))
      .then((list) => {
        names = list; // longest first, so 江南区企划经济局 is cut before 江南区
        return new PagefindUI({
          element: "#archive-search-ui",
          bundlePath: bundle.pathname,
          baseUrl: root.pathname,
          showImages: false,
          showSubResults: false,
          debounceTimeoutMs: 0, // results as the reader types: Pagefind answers in milliseconds once loaded
          processTerm: cutNames,
          processResult: inReadersLanguage,
        });
      });
    return loading;
  }

  function open() {
    dialog.showModal();
    load().then(() => dialog.querySelector(".pagefind-ui__search-input")?.focus());
  }

  for (const button of document.querySelectorAll("[data-archive-search-open]")) button.addEventListener("click", open);
  dialog.querySelector("[data-archive-search-close]")?.addEventListener("click", () => dialog.close());
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
