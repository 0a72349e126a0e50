/*
 * StreamDesk chat page. Plain JavaScript, no build step.
 *
 * Authentication: the page never holds an API key. POST /v1/web/conversations (same origin)
 * returns the conversation id and sets an HttpOnly, SameSite=Strict cookie that owns that one
 * conversation; the browser sends it with every request, EventSource included (which cannot send
 * headers). Replies stream over Server-Sent Events; reconnections resume with Last-Event-ID.
 */
(function () {
  "use strict";

  const STRINGS = {
    en: {
      title: "Customer service",
      connecting: "Connecting…",
      live: "Online",
      reconnecting: "Reconnecting…",
      offline: "Offline",
      human: "Talk to a human",
      newConversation: "New conversation",
      conversation: "Conversation",
      conversationId: "Conversation",
      empty: "Ask us anything about orders, delivery, returns or your account.",
      inputLabel: "Your message",
      placeholder: "Type your question…",
      send: "Send",
      sources: "Sources",
      typing: "Typing…",
      you: "You",
      assistant: "Assistant",
      humanRequest: "I would like to talk to a human agent.",
      handoff: "A human agent will take over this conversation shortly.",
      handoffReasons: {
        USER_REQUEST: "You asked for a human agent.",
        COMPLAINT: "We are passing your complaint to a colleague.",
        LOW_CONFIDENCE: "A colleague will help with this question.",
        REPEATED_FAILURE: "A colleague will help with this question.",
        POLICY: "A colleague will continue this conversation.",
      },
      errors: {
        rate_limited: "You are sending messages too fast. Please wait a moment.",
        text_too_long: "That message is too long.",
        generic: "Sorry, your message could not be sent.",
        session: "Could not start a conversation. Please reload the page.",
      },
    },
    zh: {
      title: "在线客服",
      connecting: "连接中…",
      live: "在线",
      reconnecting: "重新连接中…",
      offline: "离线",
      human: "转人工客服",
      newConversation: "新对话",
      conversation: "对话",
      conversationId: "对话编号",
      empty: "关于订单、配送、退换货或账户的问题，都可以问我。",
      inputLabel: "输入消息",
      placeholder: "请输入您的问题…",
      send: "发送",
      sources: "参考来源",
      typing: "正在输入…",
      you: "您",
      assistant: "客服助手",
      humanRequest: "我要转人工客服。",
      handoff: "人工客服将很快接手此对话。",
      handoffReasons: {
        USER_REQUEST: "已为您转接人工客服。",
        COMPLAINT: "您的投诉已转交给客服专员。",
        LOW_CONFIDENCE: "客服专员将协助您解答这个问题。",
        REPEATED_FAILURE: "客服专员将协助您解答这个问题。",
        POLICY: "客服专员将继续为您服务。",
      },
      errors: {
        rate_limited: "发送太快了，请稍候再试。",
        text_too_long: "消息太长了。",
        generic: "抱歉，消息发送失败。",
        session: "无法开始对话，请刷新页面。",
      },
    },
  };

  const languages = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || "en"];
  const lang = languages.some((l) => String(l).toLowerCase().startsWith("zh")) &&
    String(languages[0]).toLowerCase().startsWith("zh") ? "zh" : "en";
  const t = STRINGS[lang];
  const locale = lang === "zh" ? "zh-CN" : (navigator.language || "en");

  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const input = $("input");
  const statusEl = $("status");
  const handoffEl = $("handoff");
  const KEY_CONVERSATION = "streamdesk.conversationId";
  const KEY_LAST_EVENT = "streamdesk.lastEventId";

  let conversationId = null;
  let source = null;
  const bubbles = new Map(); // "user:<messageId>" / "assistant:<messageId>" -> element

  function translatePage() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = "StreamDesk · " + t.title;
    document.querySelectorAll("[data-i18n]").forEach((el) => {
      el.textContent = t[el.dataset.i18n];
    });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
      el.placeholder = t[el.dataset.i18nPlaceholder];
    });
    document.querySelectorAll("[data-i18n-label]").forEach((el) => {
      el.setAttribute("aria-label", t[el.dataset.i18nLabel]);
    });
  }

  function setStatus(state) {
    statusEl.dataset.state = state;
    statusEl.textContent = t[state];
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function hideEmpty() {
    const empty = $("empty");
    if (empty) empty.hidden = true;
  }

  function message(role, messageId) {
    const key = role + ":" + (messageId || Math.random());
    let el = messageId ? bubbles.get(key) : null;
    if (el) return el;
    hideEmpty();
    el = document.createElement("article");
    el.className = "msg " + role;
    el.setAttribute("aria-label", role === "user" ? t.you : t.assistant);
    if (messageId) el.dataset.messageId = messageId;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    el.appendChild(bubble);
    log.appendChild(el);
    if (messageId) bubbles.set(key, el);
    scrollDown();
    return el;
  }

  function setText(el, text) {
    el.querySelector(".bubble").textContent = text;
  }

  function renderCitations(el, citations) {
    el.querySelectorAll(".citations, .citations-label").forEach((n) => n.remove());
    if (!citations || citations.length === 0) return;
    const label = document.createElement("div");
    label.className = "citations-label";
    label.textContent = t.sources;
    const list = document.createElement("ul");
    list.className = "citations";
    list.setAttribute("aria-label", t.sources);
    for (const c of citations) {
      const item = document.createElement("li");
      item.className = "citation";
      const title = document.createElement("span");
      title.className = "citation-title";
      title.textContent = c.title;
      const src = document.createElement("span");
      src.className = "citation-source";
      if (/^https?:\/\//i.test(c.source)) {
        const a = document.createElement("a");
        a.href = c.source;
        a.textContent = c.source;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        src.appendChild(a);
      } else {
        src.textContent = c.source;
      }
      item.append(title, src);
      list.appendChild(item);
    }
    el.append(label, list);
  }

  function showHandoff(reason) {
    handoffEl.hidden = false;
    handoffEl.textContent = (t.handoffReasons[reason] || "") + " " + t.handoff;
    handoffEl.dataset.reason = reason || "";
  }

  function onChunk(data) {
    const el = message("assistant", data.messageId);
    if (el.dataset.state === "final") return; // the reply already replaced the chunks
    if (el.dataset.state !== "streaming") {
      el.dataset.state = "streaming";
      setText(el, "");
    }
    el.querySelector(".bubble").textContent += data.delta;
    scrollDown();
  }

  function onReply(data) {
    const el = message("assistant", data.messageId);
    el.classList.remove("typing");
    el.dataset.state = "final";
    el.dataset.action = data.action;
    setText(el, data.text);
    renderCitations(el, data.citations);
    if (data.action === "HANDOFF") showHandoff("USER_REQUEST");
    scrollDown();
  }

  function rememberEvent(e) {
    if (e.lastEventId) localStorage.setItem(KEY_LAST_EVENT, e.lastEventId);
  }

  function connect() {
    if (source) source.close();
    const last = localStorage.getItem(KEY_LAST_EVENT);
    const url = "/v1/conversations/" + encodeURIComponent(conversationId) + "/events" +
      (last ? "?last_event_id=" + encodeURIComponent(last) : "");
    source = new EventSource(url);
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "reconnecting");
    source.addEventListener("chunk", (e) => { rememberEvent(e); onChunk(JSON.parse(e.data)); });
    source.addEventListener("reply", (e) => { rememberEvent(e); onReply(JSON.parse(e.data)); });
    source.addEventListener("handoff", (e) => {
      rememberEvent(e);
      showHandoff(JSON.parse(e.data).reason);
    });
  }

  async function postJson(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept-Language": locale },
      body: JSON.stringify(body),
    });
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { ok: response.ok, status: response.status, body: json };
  }

  async function startSession(resume) {
    const r = await postJson("/v1/web/conversations", { resume: resume });
    if (!r.ok) throw new Error(t.errors.session);
    const previous = localStorage.getItem(KEY_CONVERSATION);
    conversationId = r.body.conversationId;
    if (!r.body.resumed || previous !== conversationId) localStorage.removeItem(KEY_LAST_EVENT);
    localStorage.setItem(KEY_CONVERSATION, conversationId);
    $("conversation-id").textContent = conversationId;
  }

  async function loadHistory() {
    const r = await postJson("/api/history", { conversation_id: conversationId });
    if (!r.ok || !r.body) return;
    for (const turn of r.body.history) {
      if (turn.role === "user") {
        setText(message("user", turn.message_id), turn.content);
      } else {
        onReply({
          messageId: turn.message_id,
          text: turn.content,
          action: turn.action,
          citations: (turn.citations || []).map((c) => ({ title: c.title, source: c.source })),
        });
      }
    }
    if (r.body.handoff) showHandoff(r.body.handoff.reason);
  }

  function clearLog() {
    bubbles.clear();
    log.querySelectorAll(".msg").forEach((n) => n.remove());
    const empty = $("empty");
    if (empty) empty.hidden = false;
    handoffEl.hidden = true;
  }

  async function send(text, metadata) {
    const pending = message("user", null);
    setText(pending, text);
    const typing = message("assistant", null);
    typing.classList.add("typing");
    setText(typing, t.typing);
    const r = await postJson("/v1/messages", {
      conversationId: conversationId, text: text, locale: locale, metadata: metadata || {},
    });
    if (!r.ok) {
      typing.remove();
      const code = r.body && r.body.code;
      const err = message("assistant", null);
      err.classList.add("error");
      setText(err, t.errors[code] || t.errors.generic);
      return;
    }
    const id = r.body.messageId;
    pending.dataset.messageId = id;
    bubbles.set("user:" + id, pending);
    const streamed = bubbles.get("assistant:" + id);
    if (streamed) {
      typing.remove(); // the answer started streaming before this response came back
    } else {
      typing.dataset.messageId = id;
      bubbles.set("assistant:" + id, typing);
    }
  }

  async function start() {
    translatePage();
    try {
      await startSession(true);
    } catch (e) {
      setStatus("offline");
      return;
    }
    await loadHistory();
    connect();
  }

  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || !conversationId) return;
    input.value = "";
    send(text);
    input.focus();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("human").addEventListener("click", () => {
    if (conversationId) send(t.humanRequest, { request: "human_agent" });
  });
  $("new").addEventListener("click", async () => {
    clearLog();
    await startSession(false);
    connect();
  });

  start();
})();
