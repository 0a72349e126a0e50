// Drives the StreamDesk chat page in Debian's chromium (playwright-core, no browser download).
// Usage: node chat-page.mjs BASE_URL CHROMIUM_PATH [ADMIN_KEY]
// With ADMIN_KEY it also opens the operations page /admin.
// Exits 0 when every check passed; prints each step to stderr and the failure otherwise.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [baseUrl, executablePath, adminKey] = process.argv.slice(2);
if (!baseUrl || !executablePath) {
  console.error("usage: node chat-page.mjs BASE_URL CHROMIUM_PATH");
  process.exit(2);
}
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];
const TIMEOUT = 20_000;
const step = (text) => console.error("[chat-page] " + text);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function browserWith(locale) {
  const userDataDir = mkdtempSync(join(tmpdir(), "streamdesk-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: FLAGS, locale, timeout: 60_000,
  });
  context.setDefaultTimeout(TIMEOUT);
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

async function englishConversation() {
  const { context, close } = await browserWith("en-US");
  try {
    const page = context.pages()[0] || (await context.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));

    step("open the page");
    await page.goto(baseUrl + "/");
    await page.waitForSelector('#status[data-state="live"]');
    check((await page.textContent("h1")) === "Customer service", "English title expected");
    const conversationId = await page.textContent("#conversation-id");

    step("ask a question");
    await page.fill("#input", "How long does delivery take?");
    await page.press("#input", "Enter");

    step("see the answer stream in");
    const streaming = await page.waitForSelector('.msg.assistant[data-state="streaming"]');
    const partial = await streaming.textContent();
    step("partial answer: " + JSON.stringify(partial));

    step("see the final answer and its citation");
    const answer = await page.waitForSelector('.msg.assistant[data-state="final"]');
    const text = await answer.$eval(".bubble", (n) => n.textContent);
    check(text.startsWith("Delivery takes 2-3 days."), "unexpected answer: " + text);
    check(text.length > partial.length - 1, "the final answer replaces the streamed text");
    const title = await answer.$eval(".citation-title", (n) => n.textContent);
    const source = await answer.$eval(".citation-source", (n) => n.textContent);
    check(title === "Delivery times", "citation title: " + title);
    check(source === "faq/delivery.md", "citation source: " + source);

    step("reload: the conversation and its history stay");
    await page.reload();
    await page.waitForSelector('#status[data-state="live"]');
    check((await page.textContent("#conversation-id")) === conversationId, "same conversation");
    await page.waitForSelector('.msg.user >> text="How long does delivery take?"');
    await page.waitForSelector('.msg.assistant[data-state="final"] .citation-title');

    step("talk to a human: the handoff status shows");
    await page.click("#human");
    await page.waitForSelector("#handoff:not([hidden])");
    const banner = await page.textContent("#handoff");
    check(banner.includes("human agent"), "handoff banner: " + banner);
    if (process.env.CHAT_PAGE_SCREENSHOT) {
      await page.waitForSelector('.msg.assistant[data-action="HANDOFF"]');
      await page.screenshot({ path: process.env.CHAT_PAGE_SCREENSHOT });
      step("screenshot written to " + process.env.CHAT_PAGE_SCREENSHOT);
    }

    check(errors.length === 0, "page errors: " + errors.join("; "));
  } finally {
    await close();
  }
}

async function chineseUi() {
  const { context, close } = await browserWith("zh-CN");
  try {
    const page = context.pages()[0] || (await context.newPage());
    step("a Chinese browser gets the Chinese UI");
    await page.goto(baseUrl + "/");
    await page.waitForSelector('#status[data-state="live"]');
    check((await page.textContent("h1")) === "在线客服", "Chinese title expected");
    check((await page.textContent("#human")) === "转人工客服", "Chinese button expected");
    check((await page.getAttribute("html", "lang")) === "zh-CN", "lang=zh-CN expected");
  } finally {
    await close();
  }
}

async function adminPage() {
  const { context, close } = await browserWith("en-US");
  try {
    const page = context.pages()[0] || (await context.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));

    step("operations page: asks for the admin key");
    await page.goto(baseUrl + "/admin");
    await page.waitForSelector("#login:not([hidden])");
    check((await page.textContent("h1")) === "Operations", "English admin title expected");

    step("a wrong key is refused");
    await page.fill("#key", "sda_not-the-key");
    await page.press("#key", "Enter");
    await page.waitForSelector("#login-error:text('not accepted')");

    step("the right key opens the last hour");
    await page.fill("#key", adminKey);
    await page.press("#key", "Enter");
    await page.waitForSelector("#dashboard:not([hidden])");
    await page.waitForFunction(() => Number(document.getElementById("kpi-replies").textContent) >= 2);
    const bars = await page.$$eval("#volume-chart rect.bar", (n) => n.length);
    check(bars === 60, "60 minute bars expected, got " + bars);
    const firstRow = await page.textContent("#latency-table tbody tr th");
    check(firstRow === "End to end", "latency table starts with end to end: " + firstRow);
    const handoff = await page.textContent("#kpi-handoff");
    check(/%$/.test(handoff.trim()), "handoff rate as a percentage: " + handoff);

    if (process.env.ADMIN_PAGE_SCREENSHOT) {
      await page.setViewportSize({ width: 1200, height: 1700 });
      await page.screenshot({ path: process.env.ADMIN_PAGE_SCREENSHOT, fullPage: true });
      step("screenshot written to " + process.env.ADMIN_PAGE_SCREENSHOT);
    }

    step("the key stays for the tab: a reload shows the dashboard again");
    await page.reload();
    await page.waitForSelector("#dashboard:not([hidden])");
    check(errors.length === 0, "page errors: " + errors.join("; "));
  } finally {
    await close();
  }
  const zh = await browserWith("zh-CN");
  try {
    const page = zh.context.pages()[0] || (await zh.context.newPage());
    step("operations page in Chinese");
    await page.goto(baseUrl + "/admin");
    await page.waitForSelector("#login:not([hidden])");
    check((await page.textContent("h1")) === "运营监控", "Chinese admin title expected");
  } finally {
    await zh.close();
  }
}

try {
  await englishConversation();
  await chineseUi();
  if (adminKey) {
    await adminPage();
  }
  step("all checks passed");
  process.exit(0);
} catch (e) {
  console.error("[chat-page] FAILED: " + (e && e.stack ? e.stack : e));
  process.exit(1);
}
