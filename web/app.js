// fatiao web page: search as you type, article view, questions with outcome cards, calculators.
//
// Security rule of this file: every string from the server or the address bar is inserted as
// text (textContent, text nodes, attribute values through setAttribute). The only markup taken
// from the server is <mark> in search snippets, and even that is rebuilt as DOM nodes by
// snippetNode: no innerHTML anywhere.
"use strict";

const $ = (id) => document.getElementById(id);

const STATUS = { current: "现行", superseded: "已修改", expired: "失效" };

// The words of the rules come from the server: GET /api/rules gives each input fact its title,
// the question put to a person who left it out and the phrase of each of its values; GET
// /api/verdicts gives each verdict its words. The tables below only name what the server does
// not: codes inside outcome details and the keys of those details. Whatever has no words shows a
// generic Chinese word or nothing, never its code.
const words = { facts: {}, verdicts: {} };

// Values met in outcome details (not rule inputs, or said as a noun rather than as a condition).
const CODES = {
  Hold: "暂扣", Forfeit: "没收", Refund: "退还", NotThisRule: "不适用本规则（见所列规则）",
  public_security: "公安机关", state_security: "国家安全机关", procuratorate: "人民检察院", court: "人民法院",
  investigation: "侦查", prosecution_review: "审查起诉", trial: "审判",
  suspect: "犯罪嫌疑人", defendant: "被告人",
  surveillance: "管制", criminal_detention: "拘役", additional_only: "独立适用附加刑",
  fixed_term_or_more: "有期徒刑以上", fixed_term: "有期徒刑", life: "无期徒刑", death: "死刑",
  yes: "是", no: "否", unknown: "不确定",
  general65: "一般累犯（刑法第65条）", special66: "特别累犯（刑法第66条）", not_recidivist: "不构成累犯", uncertain: "不确定",
  property_loss: "侵犯财产/造成财产损失", other: "其他",
  official: "法定工作日历", c0: "自然日",
  unwilling: "不愿继续保证", lost_qualification: "丧失保证条件",
  bail: "取保候审", rsdl: "监视居住", detention: "拘留", arrest: "逮捕", guarantor: "保证人", deposit: "保证金",
  home: "住处", designated: "指定居所", intentional_crime: "故意犯罪", negligent_crime: "过失犯罪", not_a_crime: "不构成犯罪",
  none: "无", suspected_intentional: "涉嫌故意犯罪", suspected_negligent: "涉嫌过失犯罪",
  work: "工作", study: "学习", medical: "就医", continue_bail: "继续取保候审", change_form: "变更保证方式",
  change_measure: "变更强制措施", terrorism: "恐怖活动犯罪", release: "解除", violation: "违反规定",
  thirty_days: "延长至30日", all: "各种情形", overdue: "已超期", running: "期限内", normal: "一般情形",
  procuratorate_own_case: "检察院自行侦查", supervisory: "监察机关移送",
};
const FLAGS = {
  interpretation: "解释", commentary_only: "仅见于评论页", needs_review: "待核实", warning: "注意",
  superseded: "已修改的规定", conflict: "冲突",
};
// Keys of outcome details. An input fact's key that means the same in the details is named by the
// server's title instead (决定机关, 保证方式 …).
const KEYS = {
  fate: "保证金去向", see: "参见", arrest_basis: "逮捕依据", deposit_rule: "保证金处理（规则）",
  forfeiture_required: "应当没收保证金", forfeiture_guideline: "没收数额参考", options: "可以采取的措施",
  prior_detention_possible: "可以先行拘留", term_effect: "对期限的影响", decider_deadline: "决定期限",
  guarantor_liability: "保证人责任", next_step: "下一步", basis: "依据", notes: "说明", conditions: "条件",
  nominal_last_day: "名义届满日", expiry_day: "实际届满日", cap_days: "最长天数",
  floor: "起点（元）", band: "参考区间（元）", factors: "考虑因素", references: "参考金额", approval: "审批",
  issues: "问题", amount: "金额（元）", kind: "类型", deadline: "期限", deadlines: "期限", tier: "层级",
  approver: "审批人", end: "届满日", end_date: "届满日", days: "天数", months: "月数",
  executor: "执行机关", count: "人数",
  reason: "理由", outcome: "结论", grounds: "依据", obligations: "义务", alternatives: "可选方式",
  note: "说明", detail: "说明",
  severity: "程度", blocked_by: "阻却事由", modality: "方式", filing_with: "备案机关",
  not_asserted: "未提及的情形", still_open: "尚待认定",
  // custody deadlines (R33–R44)
  handover: "送看守所", family_notice: "通知家属", interrogation: "讯问", by: "最迟（自时刻起算）",
  by_statutory: "最迟（开始的时不计入）", by_day: "最迟之日", request_by: "提请批准逮捕最后一日",
  request_by_extended: "延长后提请最后一日", request_by_thirty_days: "延长至30日的最后一日",
  longest_detention: "拘留最长至", longest_end: "最长可至", longest_detention_days: "拘留最长天数", normal: "一般", extended: "延长后",
  thirty_days: "30日", decide_by: "作出决定最后一日", decide_by_extended: "延长后作出决定最后一日",
  decide_by_complex: "重大复杂案件决定最后一日", reconsideration_by: "要求复议最后一日", receipt_by: "送达回执最后一日",
  reply_by: "回复处理情况最后一日", anchor: "起算日", ends: "届满日", two_months: "2个月", three_months: "3个月",
  five_months: "5个月", seven_months: "7个月", end_extended: "延长后届满日", supplementary_by: "补充侦查完毕最后一日",
  returns_left: "还可退回补充侦查次数", target_end: "应当宣判日", max_end: "最迟宣判日", extended_end: "延长后届满日",
  apply_by: "申请延长最后一日", answer_by: "作出决定最后一日", state: "状态", may_detain_first: "可以先行拘留",
  credit_days: "折抵天数", sentence_last_day: "刑期届满日", ratio: "折抵比例", first_24_hours: "24小时内的义务",
  investigation_custody: "侦查羁押期限", prosecution_review: "审查起诉期限", path: "适用情形",
};

const has = (obj, k) => obj != null && Object.prototype.hasOwnProperty.call(obj, k);

// A fact by its words: 决定机关; an unknown fact is named generically.
function factTitle(name) {
  return (has(words.facts, name) && words.facts[name].title) || "相关事实";
}

// A value of a fact as a condition (公安机关决定的), as the server's answer says it.
function valuePhrase(fact, v) {
  const f = has(words.facts, fact) ? words.facts[fact] : null;
  return (f && has(f.values, String(v)) && f.values[String(v)]) || factTitle(fact);
}

// The condition of a case: 未满十八周岁的 / 公安机关决定的且处于侦查阶段的.
function whenText(when) {
  const parts = Object.entries(when || {}).map(([f, vs]) => (Array.isArray(vs) ? vs : [vs]).map((v) => valuePhrase(f, v)).join("、"));
  return parts.length ? parts.join("且") : "其他情形";
}

// A verdict in words; one the server has no words for is named generically.
function verdictText(code) {
  return (has(words.verdicts, code) && words.verdicts[code]) || (code ? "结论" : "");
}

// An option of a calculator's select: the served phrase without its final 的 (由公安机关办理).
function optionText(fact, v) {
  const f = has(words.facts, fact) ? words.facts[fact] : null;
  const phrase = f && has(f.values, String(v)) ? f.values[String(v)] : null;
  if (phrase) return phrase.length > 2 ? phrase.replace(/的$/, "") : phrase;
  if (v === true || v === "true") return "是";
  if (v === false || v === "false") return "否";
  return has(CODES, v) ? CODES[v] : "其他";
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c != null && c !== false) e.append(c);
  return e;
}

// The server's snippet is HTML-escaped text with <mark>…</mark> around matches. Rebuild it as DOM:
// exactly "<mark>" and "</mark>" become elements, everything else is decoded as text, so any other
// markup (even if the server let some through) shows literally and never runs.
const ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };
function snippetNode(snippet) {
  const box = el("div", { class: "snippet" });
  let target = box;
  for (const part of String(snippet).split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") { if (target === box) { target = el("mark"); box.append(target); } }
    else if (part === "</mark>") target = box;
    else if (part) target.append(document.createTextNode(part.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (m) => ENTITIES[m])));
  }
  return box;
}

async function api(path, opts) {
  const res = await fetch(path, opts);
  let body = null;
  try { body = await res.json(); } catch (_) { body = null; }
  if (!res.ok) {
    const err = new Error((body && body.error && body.error.message) || res.statusText || "HTTP " + res.status);
    err.status = res.status;
    err.code = body && body.error && body.error.code;
    throw err;
  }
  return body;
}

// A 404 from a route the server does not have yet (as opposed to "unknown rule" and the like).
const unavailable = (e) => e.status === 404 && (!e.code || e.code === "not_found");

const postJson = (path, body) => api(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function articleHref(law, number, version) {
  return "#/article/" + encodeURIComponent(law) + "/" + encodeURIComponent(number) + (version ? "?version=" + encodeURIComponent(version) : "");
}

function badge(status) {
  return has(STATUS, status) ? el("span", { class: "badge " + status, text: STATUS[status] }) : "";
}

// A text known only from a commentary page: never shown as 现行.
const unofficialBadge = () => el("span", { class: "badge unofficial", text: "非官方文本" });

function hitItem(h) {
  const li = el("li", { class: "hit" });
  if (h.kind === "section") {
    li.append(el("span", { class: "title", text: h.law + " · " + h.label }), el("span", { class: "badge section", text: "评论" }));
  } else {
    // a text quoted on a commentary page is not the official text: never 现行
    li.append(el("a", { class: "title", href: articleHref(h.law, h.number) }, h.law + " " + h.label),
      h.kind === "quoted" ? unofficialBadge() : badge(h.status));
    if (h.kind === "quoted") li.append(el("span", { class: "badge quoted", text: "页面引用" }));
  }
  // why it is listed beyond its words: a citation in the query, a concept or crime it asks about
  if (h.via) li.append(el("span", { class: "badge via", text: h.via }));
  const meta = [h.level, h.version && h.kind !== "section" ? h.version : null, (h.path || []).join(" › ")].filter(Boolean);
  if (meta.length) li.append(el("div", { class: "path", text: meta.join(" · ") }));
  li.append(snippetNode(h.snippet || h.text || ""));
  return li;
}

// ---- views ----
const views = ["search", "article", "ask", "rules"];
function show(name) {
  for (const v of views) $("view-" + v).hidden = v !== name;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
}

// ---- search ----
let searchSeq = 0;
let timer = null;

function searchParams() {
  const params = new URLSearchParams({ q: $("q").value.trim() });
  if ($("f-law").value.trim()) params.set("law", $("f-law").value.trim());
  if ($("f-level").value) params.set("level", $("f-level").value);
  if ($("f-current").checked) params.set("current", "true");
  return params;
}

async function runSearch() {
  clearTimeout(timer);
  const q = $("q").value.trim();
  const seq = ++searchSeq;
  const list = $("results");
  if (!q) { list.replaceChildren(); $("search-status").textContent = ""; return; }
  const params = searchParams();
  history.replaceState(null, "", "#/search?" + params.toString());
  $("search-status").textContent = "检索中…";
  params.set("limit", "20");
  try {
    const r = await api("/api/search?" + params.toString());
    if (seq !== searchSeq) return;
    list.replaceChildren(...r.hits.map(hitItem));
    $("search-status").textContent = r.hits.length
      ? `「${q}」${r.hits.length} 条结果（${r.took_ms.toFixed(1)} ms）`
      : `「${q}」没有找到结果`;
  } catch (e) {
    if (seq !== searchSeq) return;
    list.replaceChildren();
    $("search-status").textContent = (e.code === "unknown_law" ? "不认识的法律名称：" : "出错：") + e.message;
  }
}

function scheduleSearch() {
  clearTimeout(timer);
  timer = setTimeout(runSearch, 250);
}

// ---- article ----
// The differences between two texts, character by character (longest common subsequence): what
// only the other version has is struck through, what only this page has is underlined.
function diffNode(other, here) {
  const a = Array.from(other), b = Array.from(here);
  const box = el("p", { class: "diff-text" });
  if (a.length * b.length > 4000000) { box.textContent = other; return box; }
  const w = b.length + 1, dp = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
  let i = 0, j = 0, run = "", kind = "same";
  const flush = () => {
    if (!run) return;
    box.append(kind === "same" ? document.createTextNode(run) : el(kind === "del" ? "del" : "ins", { text: run }));
    run = "";
  };
  const put = (k, c) => { if (k !== kind) { flush(); kind = k; } run += c; };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { put("same", a[i]); i++; j++; }
    else if (j < b.length && (i >= a.length || dp[i * w + j + 1] >= dp[(i + 1) * w + j])) { put("ins", b[j]); j++; }
    else { put("del", a[i]); i++; }
  }
  flush();
  return box;
}

async function showArticle(law, number, version) {
  show("article");
  const box = $("article");
  box.replaceChildren(el("p", { class: "status", text: "加载中…" }));
  let a;
  try {
    const qs = version ? "?version=" + encodeURIComponent(version) : "";
    a = await api("/api/articles/" + encodeURIComponent(law) + "/" + encodeURIComponent(number) + qs);
  } catch (e) {
    box.replaceChildren(el("h1", { tabindex: "-1", text: "没有找到" }), el("p", { class: "status", text: "出错：" + e.message }));
    return;
  }
  const copyStatus = el("span", { class: "status", role: "status", "aria-live": "polite" });
  const copy = el("button", { type: "button", class: "secondary", id: "copy-citation", "data-citation": a.citation, onclick: async () => {
    try {
      await navigator.clipboard.writeText(a.citation);
      copyStatus.textContent = "已复制：" + a.citation;
    } catch (_) {
      // No clipboard (plain http, permissions): select the citation so the user can copy it.
      copyStatus.textContent = "";
      const sel = el("input", { type: "text", readonly: true, value: a.citation, class: "copy-fallback", "aria-label": "引用" });
      copyStatus.append(sel);
      sel.select();
    }
  } }, "复制引用");
  const info = a.law_info || {};
  const meta = [a.issuer && "制定机关 " + a.issuer, info.level, a.version && "版本（公布）" + a.version, info.in_force_from && "施行 " + info.in_force_from,
    (a.path || []).join(" › ")].filter(Boolean).join(" · ");
  // a text known only from a commentary page is never shown as 现行
  const mark = a.unofficial ? unofficialBadge() : badge(a.status);
  const h1 = el("h1", { tabindex: "-1" }, el("span", { class: "cite", text: a.citation }), mark);
  const head = el("header", {}, h1, el("div", { class: "path", text: meta }), el("div", { class: "actions" }, copy, copyStatus));
  const notes = [];
  if (a.status !== "current") {
    const cur = (a.versions || []).find((v) => v.status === "current");
    notes.push(el("p", { class: "note" }, `此条文所在版本${STATUS[a.status] || "不是现行版本"}`,
      cur ? el("span", {}, "；现行版本：", el("a", { href: articleHref(a.law, a.number, cur.version) }, cur.version)) : ""));
  }
  if (a.unofficial) notes.push(el("p", { class: "note unofficial", text: a.unofficial }));

  const body = el("div", { class: "text" });
  const paras = a.paragraphs && a.paragraphs.length ? a.paragraphs : [{ text: a.text, items: [] }];
  paras.forEach((p, i) => {
    const para = el("div", { class: "para" });
    if (paras.length > 1) para.append(el("span", { class: "para-no", "aria-label": `第${i + 1}款`, text: `${i + 1}` }));
    para.append(el("p", { text: p.text }));
    if (p.items && p.items.length) para.append(el("ol", { class: "items" }, ...p.items.map((it) => el("li", { class: "item", text: it.text }))));
    body.append(para);
  });

  const refList = (title, list, cls) => {
    if (!list || !list.length) return null;
    return el("section", { class: cls }, el("h2", { text: `${title}（${list.length}）` }),
      el("ul", {}, ...list.map((r) => el("li", {},
        el("a", { href: articleHref(r.law, r.number, r.version) }, r.law + " " + r.label),
        r.status && r.status !== "current" ? badge(r.status) : null,
        r.text && r.text !== r.law + r.label ? el("span", { class: "path", text: " — " + r.text }) : null,
        r.warning ? el("p", { class: "note warning", text: r.warning }) : null))));
  };
  const versions = a.versions && a.versions.length ? el("section", { class: "versions" }, el("h2", { text: "版本" }),
    el("ul", {}, ...a.versions.map((v) => el("li", {},
      v.version === a.version ? el("strong", { text: v.version + "（本页）" })
        : v.article_id ? el("a", { href: articleHref(a.law, a.number, v.version) }, v.version)
          : el("span", { text: v.version + "（无此条）" }),
      a.unofficial ? unofficialBadge() : badge(v.status),
      v.same_text === true ? el("span", { class: "path", text: " 本条文字相同" }) : null,
      v.text ? el("details", { class: "diff" }, el("summary", { text: "与本页的差异" }), diffNode(v.text, a.text)) : null)))) : null;
  const quoted = a.quoted_in && a.quoted_in.length ? el("section", { class: "quoted-in" }, el("h2", { text: `评论页面引用（${a.quoted_in.length}）` }),
    el("ul", {}, ...a.quoted_in.map((q) => el("li", {},
      el("span", { text: q.law + " " + q.label }), el("span", { class: "path", text: " — 评论页 " + q.text }))))) : null;
  const history_ = a.law_info && a.law_info.history && a.law_info.history.length ? el("details", { class: "history" },
    el("summary", { text: "制定与修正沿革" }), el("ul", {}, ...a.law_info.history.map((h) => el("li", { text: h })))) : null;
  // the law's table of contents, fetched when opened
  const tocBox = el("details", { class: "law-toc" }, el("summary", { text: "本法目录" }));
  tocBox.addEventListener("toggle", async () => {
    if (!tocBox.open || tocBox.dataset.loaded) return;
    tocBox.dataset.loaded = "1";
    try {
      const t = await api("/api/laws/" + encodeURIComponent(a.law) + "/toc?version=" + encodeURIComponent(a.version));
      if (!t.entries.length) { tocBox.append(el("p", { class: "status", text: "本法不分编、章、节。" })); return; }
      tocBox.append(el("ul", {}, ...t.entries.map((e) => el("li", { class: "depth-" + e.depth },
        el("a", { href: articleHref(t.law, e.number, t.version) }, e.heading), el("span", { class: "path", text: " " + e.label })))));
    } catch (e) {
      tocBox.append(el("p", { class: "status", text: "目录暂不可用：" + e.message }));
    }
  });
  // reading on: the article before and after in the same version of the law
  const step = (r, rel, words) => r ? el("a", { href: articleHref(r.law, r.number, a.version), rel, class: rel }, words + " " + r.label) : null;
  const nav = (a.previous || a.next) ? el("nav", { class: "prev-next", "aria-label": "上一条、下一条" },
    step(a.previous, "prev", "←"), step(a.next, "next", "→")) : null;
  box.replaceChildren(...[head, ...notes, body, nav, tocBox, refList("本条引用", a.cites, "cites"), refList("被引用", a.cited_by, "cited-by"), quoted, versions, history_].filter(Boolean));
  document.title = a.citation + " — fatiao 法条";
  h1.focus();
}

// ---- outcomes (ask and calculators) ----
// A code inside outcome details (G1, shall_not, NoGround): shown by its words or not at all.
const IS_CODE = /^[A-Za-z][A-Za-z0-9_.§-]*$/;
const ASCII_WORD = /[A-Za-z0-9_]*[A-Za-z]{2,}[A-Za-z0-9_]*/g;

// A scalar of outcome details in words; "" for a code that has none.
function scalarText(v, key) {
  if (v === true) return "是";
  if (v === false) return "否";
  if (typeof v === "number") return v.toLocaleString("zh-CN");
  if (v == null) return "";
  const s = String(v);
  if (has(CODES, s)) return CODES[s];
  if (has(words.verdicts, s)) return words.verdicts[s];
  if (key && has(words.facts, key) && has(words.facts[key].values, s)) return optionText(key, s);
  if (has(words.facts, s)) return words.facts[s].title;
  // a rule of the engine (R14) by its title, as the card heads name them
  if (/^R\d{2}$/.test(s)) return has(ruleTitles, s) ? ruleTitles[s] : "相关规则";
  if (IS_CODE.test(s)) return "";
  // A register id beside its words (刑诉规则82(累犯) written as Mps82(累犯)): the words only.
  const plain = s.replace(ASCII_WORD, "").trim();
  return plain === s ? s : plain.replace(/^[(（]\s*(.*?)\s*[)）]$/, "$1");
}

function isEmpty(v) {
  return v == null || v === "" || (Array.isArray(v) && !v.length) || (typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length);
}

// Renders a details value (any JSON) as text, lists and nested definition lists; null when
// nothing of it has words.
function valueNode(key, v) {
  if (v == null || typeof v !== "object") {
    const t = scalarText(v, key);
    return t ? document.createTextNode(t) : null;
  }
  if (Array.isArray(v)) {
    if (v.length === 2 && v.every((x) => typeof x === "number")) return document.createTextNode(v.map((x) => scalarText(x)).join(" – "));
    if (v.every((x) => x == null || typeof x !== "object")) {
      const t = v.map((x) => scalarText(x, key)).filter(Boolean).join("、");
      return t ? document.createTextNode(t) : null;
    }
    const items = v.map((x) => valueNode(key, x)).filter(Boolean);
    return items.length ? el("ul", { class: "plain" }, ...items.map((n) => el("li", {}, n))) : null;
  }
  return detailsList(v);
}

function detailsList(obj) {
  const dl = el("dl");
  for (const [k, v] of Object.entries(obj)) {
    if (isEmpty(v)) continue;
    const node = valueNode(k, v);
    if (!node) continue;
    const name = has(KEYS, k) ? KEYS[k] : has(words.facts, k) ? words.facts[k].title : has(CODES, k) ? CODES[k] : "其他";
    dl.append(el("dt", { text: name }), el("dd", {}, node));
  }
  return dl.childElementCount ? dl : null;
}

function citationText(c) {
  return "《" + c.law + "》第" + c.number + "条" + (c.paragraph ? "第" + c.paragraph + "款" : "") + (c.item ? "第" + c.item + "项" : "");
}

// The facts of a list by their titles, each once.
function factTitles(names) {
  return [...new Set(names.map(factTitle))].join("、");
}

function needsText(needs) {
  return "需要补充：" + factTitles(needs);
}

// The cases of a conditional answer: each condition in words with what follows from it.
function casesNode(o) {
  const list = el("ul", { class: "cases" }, ...o.cases.map((c) => {
    const co = c.outcome || {};
    const then = co.verdict === "needs_input" && co.needs && co.needs.length
      ? "还取决于" + factTitles(co.needs)
      : co.summary || verdictText(co.verdict);
    return el("li", {}, el("span", { class: "when", text: whenText(c.when) + "：" }), el("span", { class: "then", text: then }));
  }));
  return el("div", { class: "split" },
    el("p", { class: "split-by", text: "取决于" + factTitles(o.split && o.split.length ? o.split : Object.keys((o.cases[0] || {}).when || {})) + "：" }),
    list);
}

function outcomeCard(o, opts) {
  const card = el("div", { class: "card verdict-" + String(o.verdict || "").replace(/[^a-z_]/g, "") });
  const title = o.title || (o.rule && ruleTitles[o.rule]) || "";
  card.append(el("div", { class: "card-head" },
    el("span", { class: "verdict", text: verdictText(o.verdict) }),
    el("span", { class: "rule-name", text: title || "规则" })));
  const conditional = o.certainty === "conditional" && Array.isArray(o.cases) && o.cases.length;
  const needsOnly = o.verdict === "needs_input" && o.needs && o.needs.length;
  // A conditional answer's summary says every case; the card lists them one by one instead.
  if (conditional) card.append(casesNode(o));
  else if (o.summary && !needsOnly) card.append(el("p", { class: "summary", text: o.summary }));
  const details = o.details && typeof o.details === "object" && !isEmpty(o.details) ? detailsList(o.details) : null;
  if (details) card.append(details);
  if (o.needs && o.needs.length) {
    card.append(el("p", { class: "needs", text: needsText(o.needs) }));
    if (opts && opts.linkCalculator && o.rule) {
      card.append(el("p", {}, el("a", { href: "#/rules/" + encodeURIComponent(o.rule) }, "在计算器中补充事实 →")));
    }
  }
  if (o.citations && o.citations.length) {
    card.append(el("div", { class: "citations" }, el("div", { class: "path", text: "依据：" }),
      el("ul", {}, ...o.citations.map((c) => el("li", {},
        el("a", { href: articleHref(c.law, c.number) }, citationText(c)),
        c.quote ? el("q", { text: c.quote }) : null,
        c.source_note ? el("span", { class: "note", text: "（" + c.source_note + "）" }) : null)))));
  }
  for (const f of o.flags || []) {
    const text = typeof f === "string" ? f : (f.detail || f.note || f.message || "");
    if (!text) continue;
    card.append(el("div", { class: "note", text: (has(FLAGS, f.kind) ? FLAGS[f.kind] : "注意") + "：" + text }));
  }
  return card;
}

// A commentary section's caution. The index writes some in English (a platform's Q&A, low
// trust); the page says what they mean in Chinese instead of showing them.
function commentaryNote(note) {
  return /[A-Za-z]{2,}/.test(note) ? "平台问答，可信度较低，请对照现行法律核实。" : note;
}

// ---- ask ----
async function runAsk(question) {
  $("ask-status").textContent = "分析中…";
  for (const id of ["answer", "follow-up-list", "outcomes", "ask-articles", "ask-commentary"]) $(id).replaceChildren();
  for (const id of ["answer", "follow-up", "ask-scope", "ask-articles-h", "ask-commentary-h"]) $(id).hidden = true;
  $("ask-scope").textContent = "";
  await loadWords();
  let r;
  try {
    r = await postJson("/api/ask", { question });
  } catch (e) {
    $("ask-status").textContent = unavailable(e) ? "问答接口暂不可用（服务器尚未提供 /api/ask）" : "出错：" + e.message;
    return;
  }
  const outcomes = r.outcomes || [];
  const scope = typeof r.scope === "string" && r.scope ? r.scope : "";
  // The direct answer first, a paragraph a rule; the scope sentence is said once, below.
  const paras = String(r.answer || "").split("\n").map((p) => p.trim()).filter((p) => p && p !== scope);
  $("answer").replaceChildren(...paras.map((p) => el("p", { text: p })));
  $("answer").hidden = !paras.length;
  // What to ask back where a missing fact decides the answer.
  const followUp = (r.follow_up || []).filter((q) => typeof q === "string" && q);
  $("follow-up-list").replaceChildren(...followUp.map((q) => el("li", { text: q })));
  $("follow-up").hidden = !followUp.length;
  $("ask-scope").textContent = scope;
  $("ask-scope").hidden = !scope;
  $("ask-status").textContent = outcomes.length || scope || paras.length ? "" : "没有可直接套用的规则；请看下面的法条。";
  $("outcomes").replaceChildren(...outcomes.map((o) => outcomeCard(o, { linkCalculator: true })));
  const articles = r.articles || [];
  $("ask-articles-h").hidden = !articles.length;
  $("ask-articles").replaceChildren(...articles.map(hitItem));
  const commentary = r.commentary || [];
  $("ask-commentary-h").hidden = !commentary.length;
  $("ask-commentary").replaceChildren(...commentary.map((c) => {
    const text = String(c.text || "");
    return el("div", { class: "comment" },
      el("div", { class: "title", text: c.question || c.heading || c.page_title || "" }),
      el("div", { class: "path", text: c.page_title || "" }),
      c.note ? el("div", { class: "note", text: commentaryNote(c.note) }) : null,
      el("p", { text: text.length > 300 ? text.slice(0, 300) + "…" : text }));
  }));
}

// ---- calculators ----
// Used only while the server has no GET /api/rules: the four calculators the page promises.
const STATIC_RULES = [
  { id: "R02", name: "bail_eligibility", title: "取保候审的适用条件", inputs: { required: ["authority", "person_role", "likely_penalty", "no_social_danger"], properties: {
    authority: { type: "string", description: "决定机关", enum: ["public_security", "state_security", "procuratorate", "court"] },
    person_role: { type: "string", description: "犯罪嫌疑人或被告人", enum: ["suspect", "defendant"] },
    likely_penalty: { type: "string", description: "可能判处的刑罚", enum: ["surveillance", "criminal_detention", "additional_only", "fixed_term_or_more"] },
    no_social_danger: { type: "string", description: "采取取保候审不致发生社会危险性", enum: ["yes", "no", "unknown"] },
    is_minor: { type: "boolean", description: "未成年人" } } } },
  { id: "R08", name: "deposit_amount", title: "保证金数额", inputs: { required: ["authority", "is_minor"], properties: {
    authority: { type: "string", description: "决定机关", enum: ["public_security", "state_security", "procuratorate", "court"] },
    is_minor: { type: "boolean", description: "未成年人" },
    statutory_max: { type: "string", description: "法定最高刑", enum: ["surveillance", "criminal_detention", "fixed_term", "life", "death"] },
    direct_loss: { type: "integer", description: "涉案金额/直接损失（元）" } } } },
  { id: "R14", name: "deposit_forfeiture", title: "违反规定后没收保证金", inputs: { required: ["deposit", "violations"], properties: {
    deposit: { type: "integer", description: "已交纳的保证金（元）" },
    violations: { type: "array", title: "违反规定的行为", items: { type: "object", required: ["kind"], properties: {
      kind: { type: "string", title: "行为种类", enum: ["left_without_approval", "failed24h_report", "missed_summons", "new_intentional_crime"],
        "x-values": { left_without_approval: "未经批准离开所居住的市、县的", failed24h_report: "住址、工作单位或联系方式变动未在二十四小时内报告的",
          missed_summons: "传讯时未及时到案的", new_intentional_crime: "又故意实施新的犯罪的" } },
      occurrence: { type: "integer", title: "第几次" } } } },
    proposed: { type: "integer", description: "拟没收数额（元）" } } } },
  { id: "R17", name: "term_end_date", title: "取保候审期限届满日", inputs: { required: ["measure", "start"], properties: {
    measure: { type: "string", description: "强制措施", enum: ["bail", "rsdl"] },
    start: { type: "string", format: "date", description: "开始日" } } } },
];

let rulesPromise = null;
const ruleTitles = {};
function loadRules() {
  if (!rulesPromise) {
    rulesPromise = api("/api/rules").then((list) => {
      const rules = Array.isArray(list) ? list : list.rules || [];
      for (const r of rules) {
        if (r.id && r.title) ruleTitles[r.id] = r.title;
        for (const [name, spec] of Object.entries((r.inputs && r.inputs.properties) || {})) {
          if (has(words.facts, name) || !spec.title) continue;
          const values = spec["x-values"] && typeof spec["x-values"] === "object" ? spec["x-values"] : {};
          words.facts[name] = { title: spec.title, question: spec["x-question"] || "", values };
        }
      }
      return rules;
    });
    rulesPromise.catch(() => { rulesPromise = null; });
  }
  return rulesPromise;
}

let verdictsPromise = null;
function loadVerdicts() {
  if (!verdictsPromise) {
    verdictsPromise = api("/api/verdicts").then((v) => {
      for (const [code, text] of Object.entries(v || {})) if (typeof text === "string") words.verdicts[code] = text;
      return words.verdicts;
    });
    verdictsPromise.catch(() => { verdictsPromise = null; });
  }
  return verdictsPromise;
}

// The words of facts and verdicts; a page without them still works, naming things generically.
const loadWords = () => Promise.allSettled([loadRules(), loadVerdicts()]);

async function showRules(which) {
  show("rules");
  const box = $("rules");
  let rules;
  $("rules-status").textContent = "加载中…";
  try {
    rules = await loadRules();
    await loadVerdicts().catch(() => null);
    $("rules-status").textContent = "";
  } catch (e) {
    if (unavailable(e)) {
      $("rules-status").textContent = "规则列表接口暂不可用（服务器尚未提供 /api/rules），以下为内置表单";
      rules = STATIC_RULES;
    } else {
      $("rules-status").textContent = "出错：" + e.message;
      return;
    }
  }
  const toc = $("rules-toc");
  if (!toc.childElementCount) {
    // grouped by task, in the server's order
    const groups = [];
    for (const r of rules) {
      const name = r.group || "计算器";
      let g = groups.find((x) => x.name === name);
      if (!g) groups.push(g = { name, rules: [] });
      g.rules.push(r);
    }
    toc.append(...groups.map((g) => el("li", { class: "group" }, el("span", { class: "group-name", text: g.name }),
      el("ul", {}, ...g.rules.map((r) => el("li", {}, el("a", { href: "#/rules/" + encodeURIComponent(r.id || r.name) },
        r.title || "规则")))))));
  }
  const r = which && rules.find((x) => x.id === which || x.name === which);
  $("rules-toc-box").open = !r;
  if (!r) { box.replaceChildren(); if (which) $("rules-status").textContent = "没有这个计算器：" + which; return; }
  const form = ruleForm(r);
  box.replaceChildren(form);
  const first = form.querySelector("input, select");
  (first || form).focus();
}

// A calculator field by the words of its fact (the served title), else the rule's description of it.
function fieldLabel(spec) {
  return spec.title || spec.description || "此项";
}

// An option of a select inside a list or group: the member's served phrase (x-values) without its
// final 的, else the words of the fact of that name.
function memberOption(spec, name, v) {
  const vals = spec["x-values"] && typeof spec["x-values"] === "object" ? spec["x-values"] : null;
  const phrase = vals && has(vals, String(v)) ? vals[String(v)] : null;
  if (phrase) return phrase.length > 2 ? phrase.replace(/的$/, "") : phrase;
  return optionText(name, v);
}

// Input refused before it is sent: says which field, and where to go.
class FormError extends Error {
  constructor(message, input, missing) { super(message); this.input = input; this.missing = missing; }
}

let controlSeq = 0;

// One control for a value of a schema: a select, a date or number box, a group of boxes for an
// object, a list of such groups (with 添加一项/删除) for a list of objects, tick boxes for a list of
// values, a list of boxes for a list of dates. `read()` gives the value to send, or undefined when
// nothing was filled in; it throws a FormError naming the field when what was filled in is incomplete.
function control(spec, name, label, id) {
  const items = spec.items || {};
  if (spec.enum) {
    const input = el("select", { id, name }, el("option", { value: "", text: "—" }),
      ...spec.enum.map((v) => el("option", { value: String(v), text: memberOption(spec, name, v) })));
    return { node: input, focus: input, read: () => input.value || undefined };
  }
  if (spec.type === "boolean") {
    const input = el("select", { id, name }, el("option", { value: "", text: "—" }),
      el("option", { value: "true", text: memberOption(spec, name, true) }),
      el("option", { value: "false", text: memberOption(spec, name, false) }));
    return { node: input, focus: input, read: () => (input.value === "" ? undefined : input.value === "true") };
  }
  if (spec.type === "object") return objectControl(spec, name, label, id);
  if (spec.type === "array" && items.enum) {
    const boxes = items.enum.map((v, i) => el("input", { type: "checkbox", id: `${id}-${i}`, name, value: String(v) }));
    const node = el("fieldset", { id, class: "choices" }, el("legend", { class: "sr-only", text: label }),
      ...boxes.map((b, i) => el("label", { for: b.id }, b, " " + memberOption(items, name, items.enum[i]))));
    return { node, focus: boxes[0], read: () => { const v = boxes.filter((b) => b.checked).map((b) => b.value); return v.length ? v : undefined; } };
  }
  if (spec.type === "array") return listControl(items, name, label, id);
  const type = spec.format === "date" ? "date" : spec.format === "date-time" ? "datetime-local"
    : (spec.type === "integer" || spec.type === "number") ? "number" : "text";
  const input = el("input", { id, name, type, step: spec.type === "integer" ? "1" : spec.type === "number" ? "any" : null, min: type === "number" ? "0" : null });
  const read = () => {
    const v = input.value.trim();
    if (v === "") return undefined;
    return spec.type === "integer" || spec.type === "number" ? Number(v) : v;
  };
  return { node: input, focus: input, read };
}

// The members of an object, each with its label; a required member left empty while others are
// filled is named.
function objectControl(spec, name, label, id) {
  const props = spec.properties || {};
  const required = new Set(spec.required || []);
  const parts = Object.entries(props).map(([m, ms]) => {
    const mid = `${id}-${m}`;
    const title = ms.title || "此项";
    const c = control(ms, m, title, mid);
    const wrap = el("div", { class: "member" + (required.has(m) ? " required" : "") },
      el("label", { for: mid }, el("span", { text: title }), required.has(m) ? el("span", { class: "req", "aria-hidden": "true", text: " *" }) : null), c.node);
    return { m, title, c, wrap };
  });
  const node = el("div", { id, class: "group", role: "group", "aria-label": label }, ...parts.map((p) => p.wrap));
  const read = () => {
    const out = {};
    for (const p of parts) { const v = p.c.read(); if (v !== undefined) out[p.m] = v; }
    if (!Object.keys(out).length) return undefined;
    const missing = parts.find((p) => required.has(p.m) && !has(out, p.m));
    if (missing) throw new FormError(`“${label}”还缺少“${missing.title}”`, missing.c.focus, missing.title);
    return out;
  };
  return { node, focus: parts.length ? parts[0].c.focus : null, read };
}

// A list: one row to begin with, 添加一项 adds one, 删除 takes one away; empty rows are not sent.
function listControl(items, name, label, id) {
  const rows = [];
  const box = el("ol", { class: "rows" });
  const list = { node: null, focus: null, read: null };
  const add = () => {
    const rid = `${id}-${++controlSeq}`;
    const c = control(items, name, `${label}第${rows.length + 1}项`, rid);
    const row = { c, li: null };
    const remove = el("button", { type: "button", class: "remove", text: "删除", "aria-label": `删除${label}的这一项`,
      onclick: () => { rows.splice(rows.indexOf(row), 1); row.li.remove(); renumber(); (rows[0] || { c: { focus: addBtn } }).c.focus.focus(); } });
    row.li = el("li", { class: "row" }, c.node, remove);
    rows.push(row);
    box.append(row.li);
    renumber();
    return c;
  };
  const renumber = () => rows.forEach((r, i) => r.c.node.setAttribute("aria-label", `${label}第${i + 1}项`));
  const addBtn = el("button", { type: "button", class: "add", text: "添加一项",
    onclick: () => { const c = add(); if (c.focus) c.focus.focus(); } });
  add();
  list.node = el("div", { id, class: "list" }, box, addBtn);
  list.focus = rows[0].c.focus;
  list.read = () => {
    const out = [];
    rows.forEach((r, i) => {
      try {
        const v = r.c.read();
        if (v !== undefined) out.push(v);
      } catch (e) {
        if (e instanceof FormError && e.missing) throw new FormError(`“${label}”第${i + 1}项还缺少“${e.missing}”`, e.input);
        throw e;
      }
    });
    return out.length ? out : undefined;
  };
  return list;
}

function ruleForm(r) {
  const id = r.id || r.name;
  const props = (r.inputs && r.inputs.properties) || {};
  const required = new Set((r.inputs && r.inputs.required) || []);
  const form = el("form", { class: "rule", "data-rule": id, "aria-labelledby": "rule-h-" + id },
    el("h2", { id: "rule-h-" + id, text: r.title || "规则" }));
  if (r.description) form.append(el("p", { class: "path", text: r.description }));
  const fields = [];
  // Required inputs first, then the rest in the server's order.
  const names = Object.keys(props).sort((a, b) => (required.has(b) ? 1 : 0) - (required.has(a) ? 1 : 0));
  const grid = el("div", { class: "fields" });
  for (const name of names) {
    const spec = props[name];
    const inputId = `in-${id}-${name}`;
    const c = control(spec, name, fieldLabel(spec), inputId);
    const wide = spec.type === "array" || spec.type === "object";
    if (required.has(name) && c.focus) c.focus.setAttribute("aria-required", "true");
    fields.push([name, spec, c]);
    grid.append(el("div", { class: "field" + (required.has(name) ? " required" : "") + (wide ? " wide" : "") },
      el("label", { for: wide && c.focus ? c.focus.id : inputId }, el("span", { text: fieldLabel(spec) }), required.has(name) ? el("span", { class: "req", "aria-hidden": "true", text: " *" }) : null),
      c.node,
      spec.title && spec.description && spec.description !== spec.title ? el("span", { class: "hint", text: spec.description }) : null));
  }
  form.append(grid);
  const out = el("div", { class: "cards", "aria-live": "polite" });
  form.append(el("button", { type: "submit" }, "计算"), out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = {};
    try {
      for (const [name, , c] of fields) {
        const v = c.read();
        if (v !== undefined) body[name] = v;
      }
    } catch (e) {
      if (!(e instanceof FormError)) throw e;
      out.replaceChildren(el("p", { class: "needs", text: e.message }));
      if (e.input) e.input.focus();
      return;
    }
    out.replaceChildren(el("p", { class: "status", text: "计算中…" }));
    try {
      const o = await postJson("/api/rules/" + encodeURIComponent(id), body);
      out.replaceChildren(outcomeCard(o));
    } catch (e) {
      out.replaceChildren(el("p", { class: "needs", text: unavailable(e) ? "计算接口暂不可用" : "出错：" + e.message }));
    }
  });
  return form;
}

// ---- routing ----
function hashQuery(hash) {
  const i = hash.indexOf("?");
  return new URLSearchParams(i >= 0 ? hash.slice(i + 1) : "");
}

async function route() {
  const hash = location.hash || "#/";
  const path = hash.split("?")[0];
  if (path.startsWith("#/article/")) {
    const [, , law, number] = path.split("/");
    return showArticle(decodeURIComponent(law || ""), decodeURIComponent(number || ""), hashQuery(hash).get("version"));
  }
  if (path.startsWith("#/ask")) {
    show("ask");
    const q = hashQuery(hash).get("q");
    if (q && q !== $("ask-form").dataset.asked) { $("question").value = q; $("ask-form").dataset.asked = q; runAsk(q); }
    return;
  }
  if (path.startsWith("#/rules")) return showRules(decodeURIComponent(path.slice("#/rules/".length)));
  show("search");
  const params = path.startsWith("#/search") ? hashQuery(hash) : new URLSearchParams(location.search);
  const q = params.get("q");
  if (q != null && searchParams().toString() !== new URLSearchParams([...params].filter(([k]) => k !== "limit")).toString()) {
    $("q").value = q;
    $("f-law").value = params.get("law") || "";
    $("f-level").value = params.get("level") || "";
    $("f-current").checked = params.get("current") === "true";
    runSearch();
  }
  document.title = "fatiao 法条";
}

$("q").addEventListener("input", scheduleSearch);
$("f-law").addEventListener("input", scheduleSearch);
for (const id of ["f-level", "f-current"]) $(id).addEventListener("change", runSearch);
$("search-form").addEventListener("submit", (e) => { e.preventDefault(); runSearch(); });
$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = $("question").value.trim();
  if (!q) return;
  $("ask-form").dataset.asked = q;
  history.replaceState(null, "", "#/ask?q=" + encodeURIComponent(q));
  runAsk(q);
});
// Enter submits the question; Shift+Enter adds a line (and IME composition is left alone).
$("question").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); $("ask-form").requestSubmit(); }
});
// Which corpus the server answers from, under the search box: the core corpus built into fatiao
// (the statutes its rules cite) or the national corpus.
async function showCorpus() {
  try {
    const h = await api("/api/health");
    $("corpus-line").textContent = h.corpus === "core"
      ? "当前为核心法规库（" + h.laws + "部），只含计算规则引用的法律；全部法律需配置全国法规库"
      : "当前为全国法规库（" + h.laws + "部法律文件）";
  } catch (_) { /* the line stays empty: search still works */ }
}

window.addEventListener("hashchange", route);
route();
showCorpus();
