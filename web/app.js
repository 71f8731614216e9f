// fatiao web page: search as you type, article view, questions with outcome cards, calculators.
// Every corpus string is inserted as text (textContent); the only markup allowed from the server
// is <mark> in search snippets, re-allowed after escaping everything else.
"use strict";

const $ = (id) => document.getElementById(id);
const STATUS = { current: "现行", superseded: "已修改", expired: "失效" };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// A snippet: escape everything, then re-allow exactly <mark> and </mark>.
function snippetNode(snippet) {
  const span = el("div", { class: "snippet" });
  const safe = escapeHtml(snippet)
    .replace(/&amp;lt;/g, "&lt;").replace(/&amp;gt;/g, "&gt;").replace(/&amp;amp;/g, "&amp;")
    .replace(/&amp;quot;/g, "&quot;").replace(/&amp;#39;/g, "&#39;")
    .replace(/&lt;mark&gt;/g, "<mark>").replace(/&lt;\/mark&gt;/g, "</mark>");
  span.innerHTML = safe;
  return span;
}

async function api(path, opts) {
  const res = await fetch(path, opts);
  let body = null;
  try { body = await res.json(); } catch (_) { body = null; }
  if (!res.ok) {
    const err = new Error((body && body.error && body.error.message) || res.statusText);
    err.status = res.status;
    err.code = body && body.error && body.error.code;
    throw err;
  }
  return body;
}

function articleHref(law, number) {
  return "#/article/" + encodeURIComponent(law) + "/" + encodeURIComponent(number);
}

function badge(status) {
  return el("span", { class: "badge " + status, text: STATUS[status] || status });
}

function hitItem(h) {
  const title = h.kind === "section"
    ? el("span", { class: "title" }, el("span", { text: h.law + " · " + h.label }), el("span", { class: "badge section", text: "评论" }))
    : el("a", { class: "title", href: articleHref(h.law, h.number) }, h.law + " " + h.label);
  const li = el("li", {}, title);
  if (h.kind !== "section") li.append(badge(h.status));
  if (h.kind === "quoted") li.append(el("span", { class: "badge quoted", text: "页面引用" }));
  if (h.path && h.path.length) li.append(el("div", { class: "path", text: h.path.join(" › ") }));
  li.append(snippetNode(h.snippet || ""));
  return li;
}

// ---- views ----
const views = ["search", "article", "ask", "rules"];
function show(name) {
  for (const v of views) $("view-" + v).hidden = v !== name;
}

let searchSeq = 0;
let timer = null;
async function runSearch() {
  const q = $("q").value.trim();
  const seq = ++searchSeq;
  const list = $("results");
  if (!q) { list.replaceChildren(); $("search-status").textContent = ""; return; }
  const params = new URLSearchParams({ q, limit: "20" });
  if ($("f-law").value.trim()) params.set("law", $("f-law").value.trim());
  if ($("f-level").value) params.set("level", $("f-level").value);
  if ($("f-current").checked) params.set("current", "true");
  history.replaceState(null, "", "#/search?" + params.toString());
  $("search-status").textContent = "检索中…";
  try {
    const r = await api("/api/search?" + params.toString());
    if (seq !== searchSeq) return;
    list.replaceChildren(...r.hits.map(hitItem));
    $("search-status").textContent = r.hits.length ? `${r.hits.length} 条结果（${r.took_ms.toFixed(1)} ms）` : "没有找到";
  } catch (e) {
    if (seq !== searchSeq) return;
    list.replaceChildren();
    $("search-status").textContent = "出错：" + e.message;
  }
}

function scheduleSearch() {
  clearTimeout(timer);
  timer = setTimeout(runSearch, 250);
}

async function showArticle(law, number) {
  show("article");
  const box = $("article");
  box.replaceChildren(el("p", { class: "status", text: "加载中…" }));
  let a;
  try {
    a = await api("/api/articles/" + encodeURIComponent(law) + "/" + encodeURIComponent(number));
  } catch (e) {
    box.replaceChildren(el("p", { class: "status", text: "出错：" + e.message }));
    return;
  }
  const copy = el("button", { type: "button", class: "secondary", onclick: async () => {
    try { await navigator.clipboard.writeText(a.citation); copy.textContent = "已复制"; } catch (_) { copy.textContent = a.citation; }
  } }, "复制引用");
  const head = el("header", {},
    el("h1", {}, el("span", { text: a.law + " " + a.label }), badge(a.status)),
    el("div", { class: "path", text: [a.law_info.level, a.version && "版本 " + a.version, (a.path || []).join(" › ")].filter(Boolean).join(" · ") }),
    copy);
  const body = el("div", { class: "text" });
  for (const p of a.paragraphs) {
    body.append(el("p", { class: "para", text: p.text }));
    for (const it of p.items) body.append(el("p", { class: "item", text: it.text }));
  }
  if (a.kind && a.kind.type === "quoted") body.append(el("p", { class: "note", text: "此为评论页面引用的条文，非官方文本。" }));
  const refs = (title, list) => {
    if (!list || !list.length) return null;
    return el("section", {}, el("h2", { text: title }),
      el("ul", {}, ...list.map((r) => el("li", {}, el("a", { href: articleHref(r.law, r.number) }, r.law + " " + r.label)))));
  };
  const versions = a.versions && a.versions.length > 1 ? el("section", {}, el("h2", { text: "版本" }),
    el("ul", {}, ...a.versions.map((v) => el("li", {},
      v.article_id ? el("a", { href: "#/id/" + encodeURIComponent(v.article_id) }, v.version) : el("span", { text: v.version }),
      badge(v.status))))) : null;
  const quoted = a.quoted_in && a.quoted_in.length ? el("section", {}, el("h2", { text: "评论页面引用" }),
    el("ul", {}, ...a.quoted_in.map((q) => el("li", { text: q.text + " · " + q.label })))) : null;
  box.replaceChildren(...[head, body, versions, refs("本条引用", a.cites), refs("被引用", a.cited_by), quoted].filter(Boolean));
  document.title = a.citation + " — fatiao";
}

async function runAsk(question) {
  $("ask-status").textContent = "思考中…";
  for (const id of ["outcomes", "ask-articles", "ask-commentary"]) $(id).replaceChildren();
  let r;
  try {
    r = await api("/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  } catch (e) {
    $("ask-status").textContent = e.status === 404 ? "问答接口暂不可用" : "出错：" + e.message;
    return;
  }
  $("ask-status").textContent = r.needs && r.needs.length ? "需要补充：" + r.needs.join("、") : "";
  $("outcomes").replaceChildren(...(r.outcomes || []).map(outcomeCard));
  $("ask-articles-h").hidden = !r.articles.length;
  $("ask-articles").replaceChildren(...r.articles.map(hitItem));
  $("ask-commentary-h").hidden = !r.commentary.length;
  $("ask-commentary").replaceChildren(...r.commentary.map((c) => el("div", { class: "rule" },
    el("div", { class: "title", text: (c.question || c.heading || "") }),
    el("div", { class: "path", text: c.page_title }),
    c.note ? el("div", { class: "note", text: c.note }) : "",
    el("p", { text: c.text.length > 300 ? c.text.slice(0, 300) + "…" : c.text }))));
}

function outcomeCard(o) {
  const card = el("div", { class: "card" });
  card.append(el("div", { class: "verdict", text: (o.rule ? o.rule + " · " : "") + (o.verdict || "") }));
  if (o.summary) card.append(el("p", { text: o.summary }));
  if (o.details && typeof o.details === "object") {
    const dl = el("dl");
    for (const [k, v] of Object.entries(o.details)) {
      dl.append(el("dt", { text: k }), el("dd", { text: typeof v === "object" ? JSON.stringify(v) : String(v) }));
    }
    card.append(dl);
  }
  if (o.needs && o.needs.length) card.append(el("p", { class: "needs", text: "需要补充：" + o.needs.join("、") }));
  if (o.citations && o.citations.length) {
    card.append(el("div", { class: "path" }, "依据：",
      ...o.citations.map((c, i) => el("span", {}, i ? "；" : "", el("a", { href: articleHref(c.law, c.number) }, c.law + " 第" + c.number + "条")))));
  }
  for (const f of o.flags || []) card.append(el("div", { class: "note", text: typeof f === "string" ? f : (f.note || f.message || JSON.stringify(f)) }));
  return card;
}

async function showRules() {
  show("rules");
  const box = $("rules");
  if (box.dataset.loaded) return;
  $("rules-status").textContent = "加载中…";
  let list;
  try {
    list = await api("/api/rules");
  } catch (e) {
    $("rules-status").textContent = e.status === 404 ? "计算器接口暂不可用" : "出错：" + e.message;
    return;
  }
  $("rules-status").textContent = "";
  box.dataset.loaded = "1";
  const rules = Array.isArray(list) ? list : list.rules || [];
  box.replaceChildren(...rules.map(ruleForm));
}

function ruleForm(r) {
  const id = r.id || r.name;
  const props = (r.inputs && r.inputs.properties) || {};
  const form = el("form", { class: "rule" }, el("h2", { text: (r.id ? r.id + " " : "") + (r.title || r.name) }));
  if (r.description) form.append(el("p", { class: "path", text: r.description }));
  const fields = [];
  for (const [name, spec] of Object.entries(props)) {
    const label = el("label", {}, el("span", { text: (spec.description || name) + " " }));
    let input;
    if (spec.enum) {
      input = el("select", { name }, el("option", { value: "", text: "—" }), ...spec.enum.map((v) => el("option", { value: String(v), text: String(v) })));
    } else if (spec.type === "boolean") {
      input = el("select", { name }, el("option", { value: "", text: "—" }), el("option", { value: "true", text: "是" }), el("option", { value: "false", text: "否" }));
    } else {
      input = el("input", { name, type: spec.format === "date" ? "date" : (spec.type === "integer" || spec.type === "number") ? "number" : "text" });
    }
    fields.push([name, spec, input]);
    label.append(input);
    form.append(label);
  }
  const out = el("div", { class: "cards" });
  form.append(el("button", { type: "submit" }, "计算"), out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = {};
    for (const [name, spec, input] of fields) {
      const v = input.value.trim();
      if (v === "") continue;
      body[name] = spec.type === "integer" || spec.type === "number" ? Number(v) : spec.type === "boolean" ? v === "true" : v;
    }
    try {
      const o = await api("/api/rules/" + encodeURIComponent(id), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      out.replaceChildren(outcomeCard(o));
    } catch (e) {
      out.replaceChildren(el("p", { class: "needs", text: "出错：" + e.message }));
    }
  });
  return form;
}

// ---- routing ----
async function route() {
  const hash = location.hash || "#/";
  if (hash.startsWith("#/article/")) {
    const [, , law, number] = hash.split("/");
    return showArticle(decodeURIComponent(law || ""), decodeURIComponent(number || ""));
  }
  if (hash.startsWith("#/id/")) {
    const id = decodeURIComponent(hash.slice(5));
    const m = id.match(/^(.*)@[^#]*#(.*)$/);
    if (m) return showArticle(m[1], m[2]);
  }
  if (hash.startsWith("#/ask")) {
    show("ask");
    const q = new URLSearchParams(hash.split("?")[1] || "").get("q");
    if (q) { $("question").value = q; runAsk(q); }
    return;
  }
  if (hash.startsWith("#/rules")) return showRules();
  show("search");
  const params = new URLSearchParams(hash.startsWith("#/search?") ? hash.slice(9) : location.search.slice(1));
  if (params.get("q") && params.get("q") !== $("q").value) {
    $("q").value = params.get("q");
    $("f-law").value = params.get("law") || "";
    $("f-level").value = params.get("level") || "";
    $("f-current").checked = params.get("current") === "true";
    runSearch();
  }
}

$("q").addEventListener("input", scheduleSearch);
for (const id of ["f-law", "f-level", "f-current"]) $(id).addEventListener("change", runSearch);
$("search-form").addEventListener("submit", (e) => { e.preventDefault(); runSearch(); });
$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = $("question").value.trim();
  if (q) { history.replaceState(null, "", "#/ask?q=" + encodeURIComponent(q)); runAsk(q); }
});
$("question").addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("ask-form").requestSubmit(); } });
window.addEventListener("hashchange", route);
route();
