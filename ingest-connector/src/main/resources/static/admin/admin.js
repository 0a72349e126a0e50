/*
 * StreamDesk operations page. Plain JavaScript, no build step.
 *
 * The admin key is typed once, kept in sessionStorage (this tab only, gone when it closes) and sent
 * in the X-Admin-Key header. GET /admin/api/summary returns the last hour, computed by this
 * connector from the topics it reads; the page refreshes it every 15 seconds while visible.
 */
(function () {
  "use strict";

  const STRINGS = {
    en: {
      title: "Operations",
      loading: "Loading…",
      refresh: "Refresh",
      signOut: "Sign out",
      loginTitle: "Admin key",
      loginHint: "Enter the operations key. It is kept only in this browser tab.",
      keyLabel: "Admin key",
      open: "Open",
      overview: "Overview",
      messages: "Messages",
      replies: "Replies",
      handoffs: "Handoffs",
      handoffRate: "Handoff rate",
      latency: "Latency p50 / p95 (ms)",
      cacheHitRate: "Answer-cache hits",
      kbVersion: "KB version",
      dlq: "Dead letters",
      deliveryFailures: "Delivery failures",
      volumeTitle: "Messages per minute",
      showTable: "Show as a table",
      minute: "Minute",
      intentsTitle: "Intents",
      actionsTitle: "Action mix",
      handoffReasons: "Handoffs by reason",
      latencyTitle: "Latency (ms)",
      stage: "Stage",
      count: "Count",
      max: "Max",
      dlqTitle: "Dead letters by stage",
      deliveriesTitle: "Deliveries",
      delivered: "Delivered",
      failed: "Failed",
      endToEnd: "End to end",
      none: "Nothing in the last hour.",
      updated: (time) => "Last hour · updated " + time,
      window: (from, to, since) => "From " + from + " to " + to +
        (since ? " · this instance has read the topics since " + since : ""),
      chartSummary: (total, peak) => "Bars: messages, line: replies. " + total +
        " messages in the last hour, at most " + peak + " in one minute.",
      wrongKey: "That key was not accepted.",
      tooMany: "Too many wrong keys. Wait a minute and try again.",
      disabled: "The operations API is off. Set ingest.admin.key-hash on the connector (ingest-admin-key makes a key).",
      unreachable: "The connector could not be reached. Retrying…",
      stages: { intent: "Intent", retrieval: "Retrieval", queue: "Queue", first_token: "First token", generation: "Generation", worker: "Worker" },
      actions: { ANSWER: "Answer", CLARIFY: "Clarify", HANDOFF: "Handoff", FALLBACK: "Fallback" },
      reasons: { USER_REQUEST: "Asked for a human", COMPLAINT: "Complaint", LOW_CONFIDENCE: "Low confidence", REPEATED_FAILURE: "Repeated failure", POLICY: "Policy" },
    },
    zh: {
      title: "运营监控",
      loading: "加载中…",
      refresh: "刷新",
      signOut: "退出",
      loginTitle: "管理密钥",
      loginHint: "请输入运营管理密钥，仅保存在当前浏览器标签页中。",
      keyLabel: "管理密钥",
      open: "进入",
      overview: "概览",
      messages: "消息数",
      replies: "回复数",
      handoffs: "转人工",
      handoffRate: "转人工率",
      latency: "延迟 p50 / p95（毫秒）",
      cacheHitRate: "答案缓存命中率",
      kbVersion: "知识库版本",
      dlq: "死信",
      deliveryFailures: "投递失败",
      volumeTitle: "每分钟消息量",
      showTable: "以表格显示",
      minute: "分钟",
      intentsTitle: "意图分布",
      actionsTitle: "回复类型",
      handoffReasons: "转人工原因",
      latencyTitle: "延迟（毫秒）",
      stage: "阶段",
      count: "数量",
      max: "最大",
      dlqTitle: "各阶段死信",
      deliveriesTitle: "投递",
      delivered: "已投递",
      failed: "失败",
      endToEnd: "端到端",
      none: "最近一小时没有数据。",
      updated: (time) => "最近一小时 · 更新于 " + time,
      window: (from, to, since) => "时间范围 " + from + " 至 " + to +
        (since ? " · 本实例自 " + since + " 起读取数据" : ""),
      chartSummary: (total, peak) => "柱：消息，线：回复。最近一小时共 " + total + " 条消息，单分钟最多 " + peak + " 条。",
      wrongKey: "密钥不正确。",
      tooMany: "错误次数过多，请一分钟后再试。",
      disabled: "运营接口未开启：请在连接器上配置 ingest.admin.key-hash（可用 ingest-admin-key 生成）。",
      unreachable: "无法连接到服务，正在重试…",
      stages: { intent: "意图识别", retrieval: "知识检索", queue: "排队", first_token: "首字", generation: "生成", worker: "生成服务" },
      actions: { ANSWER: "回答", CLARIFY: "澄清", HANDOFF: "转人工", FALLBACK: "兜底" },
      reasons: { USER_REQUEST: "用户要求", COMPLAINT: "投诉", LOW_CONFIDENCE: "置信度低", REPEATED_FAILURE: "多次未解决", POLICY: "策略" },
    },
  };

  const languages = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || "en"];
  const lang = String(languages[0]).toLowerCase().startsWith("zh") ? "zh" : "en";
  const t = STRINGS[lang];
  const locale = lang === "zh" ? "zh-CN" : (navigator.language || "en");
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const clock = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const clockSeconds = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

  const KEY = "streamdesk.adminKey";
  const REFRESH_MS = 15000;
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  let timer = null;

  function translatePage() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = "StreamDesk · " + t.title;
    document.querySelectorAll("[data-i18n]").forEach((el) => {
      el.textContent = t[el.dataset.i18n];
    });
  }

  function show(view) {
    $("login").hidden = view !== "login";
    $("dashboard").hidden = view !== "dashboard";
    $("refresh").hidden = view !== "dashboard";
    $("sign-out").hidden = view !== "dashboard";
  }

  function notice(text) {
    $("notice").hidden = !text;
    $("notice").textContent = text || "";
  }

  function askForKey(error) {
    stopTimer();
    sessionStorage.removeItem(KEY);
    show("login");
    $("status").textContent = "";
    $("login-error").textContent = error || "";
    $("key").value = "";
    $("key").focus();
  }

  function stopTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function schedule() {
    stopTimer();
    if (!document.hidden && sessionStorage.getItem(KEY)) timer = setTimeout(load, REFRESH_MS);
  }

  async function load() {
    const key = sessionStorage.getItem(KEY);
    if (!key) {
      askForKey("");
      return;
    }
    let response;
    try {
      response = await fetch("/admin/api/summary", {
        headers: { "X-Admin-Key": key, "Accept": "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (e) {
      notice(t.unreachable);
      schedule();
      return;
    }
    if (response.status === 401) return askForKey(t.wrongKey);
    if (response.status === 429) return askForKey(t.tooMany);
    if (response.status === 404) {
      sessionStorage.removeItem(KEY);
      show("none");
      notice(t.disabled);
      return;
    }
    if (!response.ok) {
      notice(t.unreachable);
      schedule();
      return;
    }
    notice("");
    render(await response.json());
    show("dashboard");
    schedule();
  }

  function fmtCount(n) {
    return number.format(n);
  }

  function fmtRate(r) {
    return r === null || r === undefined ? "–" : percent.format(r);
  }

  function fmtMs(v) {
    return v === null || v === undefined ? "–" : number.format(v);
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  function item(list, label, value) {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = label;
    const count = document.createElement("span");
    count.textContent = value;
    li.append(name, count);
    list.appendChild(li);
  }

  function empty(list) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = t.none;
    list.appendChild(li);
  }

  /** A labelled horizontal bar: name, a track filled in proportion, the value. */
  function bar(list, label, value, total, shown) {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.className = "label";
    name.textContent = label;
    name.title = label;
    const track = document.createElement("span");
    track.className = "track";
    track.setAttribute("aria-hidden", "true");
    const fill = document.createElement("span");
    fill.className = "fill";
    fill.style.width = (total > 0 ? (100 * value) / total : 0) + "%";
    track.appendChild(fill);
    const v = document.createElement("span");
    v.className = "value";
    v.textContent = shown;
    li.append(name, track, v);
    list.appendChild(li);
  }

  function render(s) {
    const to = new Date(s.window.to);
    $("status").textContent = t.updated(clockSeconds.format(to));
    const since = new Date(s.window.dataSince);
    const from = new Date(s.window.from);
    $("window").textContent = t.window(clock.format(from), clock.format(to),
      since > from ? clock.format(since) : null);

    const e2e = s.latencyMs.endToEnd;
    $("kpi-inbound").textContent = fmtCount(s.totals.inbound);
    $("kpi-replies").textContent = fmtCount(s.totals.replies);
    $("kpi-handoff").textContent = fmtRate(s.handoffRate);
    $("kpi-latency").textContent = e2e.count ? fmtMs(e2e.p50) + " / " + fmtMs(e2e.p95) : "–";
    $("kpi-cache").textContent = fmtRate(s.answerCache.hitRate);
    $("kpi-kb").textContent = s.kb ? "v" + s.kb.version : "–";
    $("kpi-dlq").textContent = fmtCount(s.dlq.total);
    $("kpi-deliveries").textContent = fmtCount(s.deliveries.failed);

    renderVolume(s.perMinute);
    renderIntents(s.intents);
    renderActions(s.actions, s.totals.replies);
    renderReasons(s.handoffReasons);
    renderLatency(s.latencyMs);
    renderDeadLetters(s.dlq.byStage);
    renderDeliveries(s.deliveries);
  }

  function renderVolume(minutes) {
    const svg = $("volume-chart");
    clear(svg);
    const width = 600;
    const height = 140;
    const slot = width / minutes.length;
    const peak = Math.max(1, ...minutes.map((m) => Math.max(m.inbound, m.replies)));
    const axis = document.createElementNS(SVG, "line");
    axis.setAttribute("class", "axis");
    axis.setAttribute("x1", "0");
    axis.setAttribute("x2", String(width));
    axis.setAttribute("y1", String(height - 0.5));
    axis.setAttribute("y2", String(height - 0.5));
    svg.appendChild(axis);
    const points = [];
    minutes.forEach((m, i) => {
      const h = (m.inbound / peak) * (height - 4);
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("class", "bar");
      rect.setAttribute("x", String(i * slot + 1));
      rect.setAttribute("y", String(height - h));
      rect.setAttribute("width", String(Math.max(1, slot - 2)));
      rect.setAttribute("height", String(h));
      const title = document.createElementNS(SVG, "title");
      title.textContent = clock.format(new Date(m.start)) + " · " + fmtCount(m.inbound);
      rect.appendChild(title);
      svg.appendChild(rect);
      points.push((i * slot + slot / 2).toFixed(1) + "," + (height - (m.replies / peak) * (height - 4)).toFixed(1));
    });
    const line = document.createElementNS(SVG, "polyline");
    line.setAttribute("class", "reply");
    line.setAttribute("points", points.join(" "));
    svg.appendChild(line);
    const total = minutes.reduce((sum, m) => sum + m.inbound, 0);
    const most = Math.max(0, ...minutes.map((m) => m.inbound));
    $("volume-desc").textContent = t.chartSummary(fmtCount(total), fmtCount(most));

    const body = $("volume-table").tBodies[0];
    clear(body);
    minutes.slice().reverse().forEach((m) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = clock.format(new Date(m.start));
      tr.appendChild(th);
      [m.inbound, m.replies, m.handoffs, m.dlq].forEach((v) => {
        const td = document.createElement("td");
        td.className = "num";
        td.textContent = fmtCount(v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function renderIntents(intents) {
    const list = $("intents");
    clear(list);
    if (intents.length === 0) return empty(list);
    const total = intents.reduce((sum, c) => sum + c.count, 0);
    intents.slice(0, 12).forEach((c) =>
      bar(list, c.key, c.count, total, fmtCount(c.count) + " · " + percent.format(c.count / total)));
  }

  function renderActions(actions, replies) {
    const list = $("actions");
    clear(list);
    if (!replies) return empty(list);
    Object.entries(actions).forEach(([action, count]) =>
      bar(list, t.actions[action] || action, count, replies,
        fmtCount(count) + " · " + percent.format(count / replies)));
  }

  function renderReasons(reasons) {
    const list = $("handoff-reasons");
    clear(list);
    const entries = Object.entries(reasons).filter(([, n]) => n > 0);
    if (entries.length === 0) return empty(list);
    entries.forEach(([reason, n]) => item(list, t.reasons[reason] || reason, fmtCount(n)));
  }

  function renderLatency(latency) {
    const body = $("latency-table").tBodies[0];
    clear(body);
    const rows = [[t.endToEnd, latency.endToEnd]].concat(
      Object.entries(latency.stages).map(([stage, l]) => [t.stages[stage] || stage, l]));
    rows.forEach(([name, l]) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = name;
      tr.appendChild(th);
      [fmtCount(l.count), fmtMs(l.p50), fmtMs(l.p95), fmtMs(l.max)].forEach((v) => {
        const td = document.createElement("td");
        td.className = "num";
        td.textContent = v;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function renderDeadLetters(byStage) {
    const list = $("dlq");
    clear(list);
    if (byStage.length === 0) return empty(list);
    byStage.forEach((c) => item(list, c.key, fmtCount(c.count)));
  }

  function renderDeliveries(d) {
    const list = $("deliveries");
    clear(list);
    item(list, t.delivered, fmtCount(d.delivered));
    item(list, t.failed, fmtCount(d.failed));
    d.failedByChannel.forEach((c) => item(list, "· " + c.key, fmtCount(c.count)));
  }

  $("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const key = $("key").value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY, key);
    $("key").value = "";
    $("login-error").textContent = "";
    $("status").textContent = t.loading;
    load();
  });
  $("refresh").addEventListener("click", load);
  $("sign-out").addEventListener("click", () => askForKey(""));
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) stopTimer();
    else if (sessionStorage.getItem(KEY)) load();
  });

  translatePage();
  load();
})();
