// Walks the web pages in a real browser (Debian's Chromium through
// playwright-core) as people would, and checks each page with axe-core.
// Started by TestWebPagesInBrowser with a fixture:
// {"base", "workspace", "alice", "bob", "password", "title", "call_path", "share_path", "shots"}.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const fx = JSON.parse(await readFile(process.argv[2], "utf8"));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
let failed = false;
const check = (ok, name, detail = "") => {
  console.log(`${ok ? "ok" : "FAIL"} ${name}${detail ? ": " + detail : ""}`);
  if (!ok) failed = true;
};
// Content-Security-Policy violations and failed assets: there must be
// none (a page's own 4xx status is no error here).
const watch = (page, label) => {
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) check(false, `${label}: no CSP violations`, m.text());
  });
  // A request cut off by the next navigation (ERR_ABORTED) is not a failure.
  page.on("requestfailed", (r) => {
    if (!r.failure()?.errorText.includes("ERR_ABORTED")) check(false, `${label}: every asset loads`, `${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.request().resourceType() !== "document" && r.status() >= 400) check(false, `${label}: every asset loads`, `${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => check(false, `${label}: no script errors`, String(e)));
};
// axe-core runs in a copy of the page opened with CSP bypassed (it is
// injected as an inline script); the pages themselves keep their CSP.
const axeContext = await browser.newContext({ bypassCSP: true });
const audit = async (page, label) => {
  const copy = await axeContext.newPage();
  await axeContext.addCookies(await page.context().cookies());
  await copy.goto(page.url());
  await copy.addScriptTag({ content: axeSource });
  const res = await copy.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `${label}: no serious accessibility violations (axe-core)`,
    bad.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`).join("; "));
  await copy.close();
};
const shot = async (page, name) => {
  if (fx.shots) await page.screenshot({ path: path.join(fx.shots, name), fullPage: true });
};
const signIn = async (page, email) => {
  await page.fill("#workspace", fx.workspace);
  await page.fill("#email", email);
  await page.fill("#password", fx.password);
  await Promise.all([page.waitForNavigation(), page.click("form[action='/signin'] button[type=submit]")]);
};
const inView = (page, selector) => page.$eval(selector, (el) => {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
});

try {
  // Sign in: the home page sends a stranger to the sign-in page and back.
  const alice = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
  watch(alice, "alice");
  await alice.goto(fx.base + "/");
  check(new URL(alice.url()).pathname === "/signin", "signed out, the home page asks to sign in", alice.url());
  await audit(alice, "sign-in page");
  await shot(alice, "signin.png");
  await alice.fill("#workspace", fx.workspace);
  await alice.fill("#email", fx.alice);
  await alice.fill("#password", "wrong password");
  await Promise.all([alice.waitForNavigation(), alice.click("form[action='/signin'] button[type=submit]")]);
  check(await alice.isVisible("#signin-error"), "a wrong password shows an error");
  await signIn(alice, fx.alice);
  check(new URL(alice.url()).pathname === "/", "signing in goes back to the home page", alice.url());
  check(await alice.isVisible(`text=${fx.title}`), "the home page lists the meeting");
  await audit(alice, "home page");
  await shot(alice, "home.png");

  // Search: a highlighted snippet that links to the moment.
  await alice.fill("#q", "funnel");
  await Promise.all([alice.waitForNavigation(), alice.click("form[role=search] button")]);
  check((await alice.$$("ol.hits mark")).length > 0, "search hits are highlighted");
  await shot(alice, "search.png");
  await Promise.all([alice.waitForNavigation(), alice.click("ol.hits li a[href*='timestamp=']")]);
  check(new URL(alice.url()).searchParams.has("timestamp"), "a hit opens the meeting at its moment", alice.url());

  // Open the meeting from the list.
  await alice.goto(fx.base + "/");
  await Promise.all([alice.waitForNavigation(), alice.click(`ol.meetings a:has-text("${fx.title}")`)]);
  check(new URL(alice.url()).pathname === fx.call_path, "the list opens the meeting page", alice.url());
  check((await alice.textContent("h1")) === fx.title, "the meeting page shows the title");
  check((await alice.textContent(".facts")).includes("External: Dana Client"), "the meeting page splits invitees internal and external");
  check((await alice.$$(".summary h2, .summary li")).length > 1, "the summary is rendered from Markdown");
  await audit(alice, "meeting page");
  await shot(alice, "call.png");

  // Follow a summary link to its timestamp: the moment is shown, in view.
  const link = await alice.$(".summary a[href*='timestamp=']");
  check(link !== null, "the summary has links to moments");
  await Promise.all([alice.waitForNavigation(), link.click()]);
  const u = new URL(alice.url());
  check(u.pathname === fx.call_path && u.searchParams.has("timestamp"), "the summary link stays on the meeting page", alice.url());
  check(await alice.isVisible("#moment") && await inView(alice, "#moment"), "the linked moment is shown in view");
  await Promise.all([alice.waitForNavigation(), alice.click("#moment a")]);
  check(await alice.isVisible(".transcript li.current"), "the transcript highlights the moment");
  check(await inView(alice, ".transcript li.current"), "the page scrolled to the moment");
  check(await alice.evaluate(() => document.activeElement?.classList.contains("current")), "focus moved to the moment");
  await shot(alice, "transcript.png");

  // The recording plays in step with the transcript: it starts at the
  // linked moment, a line's time seeks it, and the line played is marked.
  await alice.goto(fx.base + fx.call_path + "?tab=transcript&timestamp=70");
  check(await alice.isVisible("#player"), "the meeting page has a player for its audio");
  await alice.waitForFunction(() => document.getElementById("player").readyState >= 1);
  await alice.waitForFunction(() => document.getElementById("player").currentTime > 0);
  const started = await alice.evaluate(() => document.getElementById("player").currentTime);
  check(Math.abs(started - 70) < 1, "the player starts at the linked moment", String(started));
  const first = await alice.$eval(".transcript li[data-at]", (li) => Number(li.dataset.at));
  await alice.click(".transcript li[data-at] a.at");
  check(new URL(alice.url()).searchParams.get("timestamp") === "70", "a line's time seeks the player instead of leaving the page", alice.url());
  await alice.waitForFunction(() => document.querySelector(".transcript li[data-at]").classList.contains("playing"));
  const at = await alice.evaluate(() => { const p = document.getElementById("player"); p.pause(); return p.currentTime; });
  check(at >= first && at < first + 5, "the player went to the line's time and marks the line", `${at} s for a line at ${first} s`);

  // Transcript search narrows the lines as one types.
  await alice.goto(fx.base + fx.call_path + "?tab=transcript");
  const all = (await alice.$$(".transcript li:visible")).length;
  await alice.fill("#q", "funnel");
  const some = (await alice.$$(".transcript li:visible")).length;
  check(some > 0 && some < all, "typing in the transcript search filters the lines", `${some} of ${all}`);
  await alice.goto(fx.base + fx.call_path + "?tab=action_items");
  check(await alice.isVisible("ul.actions li a[href*='timestamp=']"), "action items link to their moment");
  await shot(alice, "action-items.png");

  await alice.goto(fx.base + "/webhooks");
  check((await alice.textContent("h1")) === "Webhooks", "the webhooks page opens");
  if (await alice.isVisible("button:has-text('Redeliver')")) {
    await Promise.all([alice.waitForNavigation(), alice.click("button:has-text('Redeliver')")]);
    check(await alice.isVisible(".notice"), "redeliver queues the delivery again");
  }
  await audit(alice, "webhooks page");
  await shot(alice, "webhooks.png");

  // The knowledge dashboard: types with a drawn trend and success bars,
  // a tried message, a type's page and the conversation browser.
  await alice.click("nav a[href='/knowledge']");
  check((await alice.textContent("h1")) === "Knowledge", "the knowledge dashboard opens from the nav");
  const trend = await alice.$eval("svg.sparkline polyline", (p) => p.getAttribute("points"));
  const ys = trend.split(" ").map((xy) => Number(xy.split(",")[1]));
  check(ys.length === 12 && new Set(ys).size > 1, "an issue type's weekly trend is drawn and not flat", trend);
  const bar = await alice.$eval("table.solutions svg.bar rect:nth-child(2)", (r) => r.getBBox().width);
  check(bar > 0, "a solution's success bar is drawn", String(bar));
  await alice.fill("#message", "My payment keeps failing");
  await Promise.all([alice.waitForNavigation(), alice.click("button:has-text('Find similar conversations')")]);
  check(await alice.isVisible("text=Predicted issue type"), "trying a message shows its predicted type");
  check((await alice.$$(".try-result table.solutions tbody tr")).length > 0, "trying a message shows the recommended actions");
  await audit(alice, "knowledge dashboard");
  await shot(alice, "knowledge.png");
  await Promise.all([alice.waitForNavigation(), alice.click(".issue-type h3 a")]);
  check(await alice.isVisible("svg.sparkline"), "an issue type's page opens with its trend");
  const links = await alice.$$eval("svg.graph path.link", (ps) => ps.filter((p) => p.getTotalLength() > 0).length);
  check(links >= 3, "the issue → solution → outcome graph is drawn", `${links} links`);
  await shot(alice, "knowledge-type.png");
  await audit(alice, "issue type page");
  await alice.goto(fx.base + "/knowledge/conversations");
  check((await alice.$$("tbody tr")).length === 25 && (await alice.isVisible("a[rel='next']")), "the conversation browser shows a page and a next link");
  await audit(alice, "conversation browser");
  await shot(alice, "knowledge-conversations.png");

  // A share link, signed out, on a phone.
  const anon = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  watch(anon, "share");
  const resp = await anon.goto(fx.base + fx.share_path + "?tab=summary&timestamp=70.0");
  check(resp.status() === 200 && (await anon.textContent("h1")) === fx.title, "a share link opens signed out");
  check(!(await anon.isVisible("text=Sign out")) && !(await anon.isVisible("a[href='/webhooks']")), "the share page shows nothing beyond the meeting");
  check(await anon.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), "the share page fits a phone's width");
  await audit(anon, "share page");
  await shot(anon, "share-phone.png");

  // Bob may not see alice's private meeting.
  const bob = await (await browser.newContext()).newPage();
  await bob.goto(fx.base + "/signin");
  await signIn(bob, fx.bob);
  const denied = await bob.goto(fx.base + fx.call_path);
  check(denied.status() === 404 && !(await bob.content()).includes(fx.title), "a private meeting is a 404 for another user", String(denied.status()));
  await audit(bob, "404 page");
  await shot(bob, "not-found.png");

  // Signing out ends the session.
  await Promise.all([alice.waitForNavigation(), alice.click("form.signout button")]);
  await alice.goto(fx.base + fx.call_path);
  check(new URL(alice.url()).pathname === "/signin", "after signing out the meeting asks to sign in again");
} catch (e) {
  check(false, "the browser run", String(e));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
