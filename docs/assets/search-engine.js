// Pagefind over the archive's whole index, its shards (pagefind/shards.json, scripts/searchindex.py) searched side
// by side: assets/search.js asks `open` for an engine, and this file, started as a web worker, is each worker.
// The shards are shared out in consecutive runs among a worker per core, at least two and at most MAX_WORKERS;
// each runs Pagefind over its run (the files of the bundles it merges fetched at once: fetchEarly), and the
// answers are merged as Pagefind merges shards.
// One bundle, or no module workers: Pagefind in the page. Pagefind's own worker script is never loaded. README.md,
// "Figures", has the measurements.
//
// A file of the index that fails to load (a dropped connection, a deploy that renamed it) leaves Pagefind broken
// for the rest of the visit: a failed index chunk is logged and then searched as if it held no word (every query
// answers "no results"), a failed fragment's rejection is kept. So an engine that saw one fail fails every search
// and filter list from then on, and search.js closes it and opens another.

const MAX_WORKERS = 4;
const START_MS = 10_000; // a worker that has not opened its shards by then is given up, and the page searches

// ---- In the page ----

// The engine over the index in pagefind/ under `root` (the site's address) and its `shards` (the folders
// pagefind/shards.json lists): { search(term, options), filters() }, answering as Pagefind's own merge of them (a
// result has its score and data(), not Pagefind's other fields). `settings`: Pagefind's options (baseUrl,
// excerptLength); `workers`: how many workers at most. `close()` ends the engine (and any search it is answering).
export async function open(root, shards, settings, workers = workersHere()) {
  const pagefind = new URL("pagefind/", root).href;
  const bundles = [pagefind, ...shards.map((shard) => new URL(shard, pagefind).href)];
  const count = Math.min(bundles.length, workers);
  if (count > 1 && typeof Worker !== "undefined") {
    try {
      return await inWorkers(runs(bundles, count), pagefind, settings);
    } catch (error) {
      // A worker that answered has run: what it could not open, a file of the index or Pagefind's script, failed
      // to load, and the page would fare no better (search.js asks a new engine, whose workers fetch it again).
      if (error.answered) throw error;
      console.warn("Search: the shards could not be opened in workers, searching in the page instead.", error);
    }
  }
  return inPage(bundles, pagefind, settings);
}

// A worker per core this device has, at least two (each bundle's files are then fetched side by side) and at most
// MAX_WORKERS.
function workersHere() {
  return Math.min(MAX_WORKERS, Math.max(2, navigator.hardwareConcurrency || MAX_WORKERS));
}

// `items` cut into `count` consecutive runs of nearly equal length (as parallel.even_runs does in the build).
function runs(items, count) {
  return Array.from({ length: count }, (_, n) =>
    items.slice(Math.floor((items.length * n) / count), Math.floor((items.length * (n + 1)) / count)),
  );
}

// Pagefind itself in the page (not in its own worker), merging every shard.
async function inPage(bundles, pagefind, settings) {
  const { engine, loads } = await openBundles(bundles, pagefind, { ...settings, noWorker: true });
  return {
    search: (term, options) => unlessFailed(loads, () => engine.search(term, options)),
    filters: () => unlessFailed(loads, () => engine.filters()),
    close() {
      loads.failed ??= new Error("search engine closed");
      engine.destroy(); // the next opening makes Pagefind anew, with nothing loaded
    },
  };
}

// A worker for each share of the bundles; a worker that fails to start or open its share fails them all (the caller
// then searches in the page, unless the worker answered that it could not load its share: error.answered).
async function inWorkers(shares, pagefind, settings) {
  const workers = shares.map(() => new Worker(import.meta.url, { type: "module" }));
  const pending = new Map(); // message number -> { resolve, reject }
  let sent = 0;
  let failed = null;
  const ask = (worker, message) =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = ++sent;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  const fail = (error) => {
    failed ??= error;
    for (const { reject } of pending.values()) reject(failed);
    pending.clear();
  };
  for (const worker of workers) {
    worker.addEventListener("message", ({ data }) => {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      if (data.error === undefined) waiting?.resolve(data.answer);
      else waiting?.reject(Object.assign(new Error(data.error), { answered: true }));
    });
    worker.addEventListener("error", (event) => fail(new Error(event.message || "search worker failed")));
  }
  let timer;
  try {
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("search workers too slow to start")), START_MS);
    });
    const opening = workers.map((worker, n) => ask(worker, { open: shares[n], pagefind, settings }));
    await Promise.race([late, Promise.all(opening)]);
  } catch (error) {
    for (const worker of workers) worker.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  let searches = 0;
  return {
    async search(term, options) {
      const search = ++searches;
      // Every worker's answer waited for, failed or not: a file that failed to load for one worker fails the
      // search only once the others have asked for theirs, so that the engine opened next finds them all in.
      const settled = await Promise.allSettled(workers.map((worker) => ask(worker, { search, term, options })));
      const failure = settled.find((answer) => answer.status === "rejected");
      if (failure) throw failure.reason;
      const answers = settled.map((answer) => answer.value);
      const results = answers.flatMap((answer, n) =>
        answer.results.map((score, rank) => ({ score, data: () => ask(workers[n], { data: search, rank }) })),
      );
      // Pagefind's merge: one shard's results after another's (each worker's, in its shards' order), then a stable
      // sort by score.
      results.sort((a, b) => b.score - a.score);
      return {
        results,
        filters: mergeFilters(answers.map((answer) => answer.filters)),
        totalFilters: mergeFilters(answers.map((answer) => answer.totalFilters)),
        unfilteredResultCount: answers.reduce((sum, answer) => sum + answer.unfilteredResultCount, 0),
      };
    },
    async filters() {
      return mergeFilters(await Promise.all(workers.map((worker) => ask(worker, { filters: true }))));
    },
    close() {
      fail(new Error("search engine closed"));
      for (const worker of workers) worker.terminate();
    },
  };
}

// Filter counts of several shards added up, as Pagefind's mergeFilters does.
function mergeFilters(all) {
  const merged = {};
  for (const filters of all) {
    for (const [name, values] of Object.entries(filters ?? {})) {
      merged[name] ??= {};
      for (const [value, count] of Object.entries(values)) merged[name][value] = (merged[name][value] ?? 0) + count;
    }
  }
  return merged;
}

// ---- In the page or a worker ----

let fetchFile = null; // the realm's own fetch, once watchFetches has put its own in its place

// Every fetch of a file under `pagefind` (the index's folder) watched from now on: returns { failed }, where the
// first that fails, or answers other than 200, is noted. Pagefind fetches its WebAssembly from the first bundle's
// folder, and a shard's folder holds only its index (scripts/searchindex.py, keep_only_the_index): where the first
// bundle is a shard (only ever in a worker), that fetch is sent to the WebAssembly beside pagefind.js, the same file.
function watchFetches(first, pagefind) {
  const loads = { failed: null };
  fetchFile ??= globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input, init) => {
    // Pagefind asks for some files by path (/pagefind/index/…), for others by full address.
    const url = new URL(input instanceof Request ? input.url : input, globalThis.location.href).href;
    if (!url.startsWith(pagefind)) return fetchFile(input, init);
    const wasm = first !== pagefind && url.startsWith(first) && url.endsWith(".pagefind");
    const address = url.split("?")[0];
    const early = fetchedEarly.get(address);
    fetchedEarly.delete(address);
    try {
      const asked = wasm ? new URL(url.slice(first.length), pagefind).href : input;
      const response = await (early ?? fetchFile(asked, init));
      if (!response.ok) loads.failed ??= new Error(`search index: ${url} answered ${response.status}`);
      return response;
    } catch (error) {
      loads.failed ??= new Error(`search index: ${url} failed to load (${error})`);
      throw error;
    }
  };
  return loads;
}

// Files of the index fetched before Pagefind asks for them: address (without its query) -> the response's promise,
// handed to the first fetch of that address (watchFetches).
const fetchedEarly = new Map();

// A bundle's entry and then its metadata fetched now: Pagefind merging a bundle asks for them only once its
// WebAssembly is in, and one after the other, two round trips more before a first answer on a slow connection.
function fetchEarly(bundle) {
  const keep = (url, fetched) => {
    fetched.catch(() => {}); // a failure Pagefind meets when it asks (or never, if it does not)
    fetchedEarly.set(url, fetched);
  };
  const entry = new URL("pagefind-entry.json", bundle).href;
  const fetched = fetchFile(`${entry}?ts=${Date.now()}`); // never from a cache, as Pagefind asks for it
  keep(entry, fetched.then((response) => response.clone()));
  fetched
    .then((response) => (response.ok ? response.json() : {}))
    .then(({ languages = {} }) => {
      const indexes = Object.values(languages);
      if (indexes.length !== 1) return; // which of several Pagefind takes, it decides
      const meta = new URL(`pagefind.${indexes[0].hash}.pf_meta`, bundle).href;
      keep(meta, fetchFile(meta));
    })
    .catch(() => {});
}

// Pagefind over `bundles` (folder addresses), the first opened, the others merged into it: { engine, loads }, its
// fetches watched in `loads` (watchFetches).
async function openBundles(bundles, pagefind, settings) {
  const loads = watchFetches(bundles[0], pagefind);
  fetchedEarly.clear(); // what an engine closed before this one left
  bundles.slice(1).forEach(fetchEarly);
  const engine = await import(new URL("pagefind.js", pagefind).href);
  await engine.options({ ...settings, basePath: bundles[0] });
  await Promise.all(bundles.slice(1).map((bundle) => engine.mergeIndex(bundle, settings)));
  return { engine, loads };
}

// What `ask` answers, unless a file of the index failed to load (in `loads`) before or while it was worked out.
async function unlessFailed(loads, ask) {
  if (loads.failed) throw loads.failed;
  const answer = await ask();
  if (loads.failed) throw loads.failed;
  return answer;
}

// ---- In a worker ----

if (typeof WorkerGlobalScope !== "undefined") {
  let opened = null; // { engine, loads } (openBundles)
  let last = { search: 0, results: [] }; // the newest answer, whose results' data the page may ask for
  const answer = async (message) => {
    if (message.open) {
      opened = await openBundles(message.open, message.pagefind, message.settings);
      return true;
    }
    const { engine, loads } = opened;
    if (message.search) {
      const found = await unlessFailed(loads, () => engine.search(message.term, message.options));
      if (message.search > last.search) last = { search: message.search, results: found.results };
      const { filters, totalFilters, unfilteredResultCount } = found;
      return { results: found.results.map((result) => result.score), filters, totalFilters, unfilteredResultCount };
    }
    if (message.data) {
      return unlessFailed(loads, () => (message.data === last.search ? last.results[message.rank].data() : null));
    }
    return unlessFailed(loads, () => engine.filters());
  };
  globalThis.addEventListener("message", async ({ data }) => {
    try {
      globalThis.postMessage({ id: data.id, answer: await answer(data) });
    } catch (error) {
      globalThis.postMessage({ id: data.id, error: error?.message ?? String(error) });
    }
  });
}
