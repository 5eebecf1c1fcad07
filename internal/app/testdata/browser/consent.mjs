// Signs in and consents on the OAuth authorize page in a real browser
// (Debian's Chromium through playwright-core), as a user would.
// Started by TestOAuthPagesInBrowser with a fixture:
// {"authorize_url", "workspace", "email", "password", "app_name", "redirect_prefix", "screenshot"}.
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const fx = JSON.parse(await readFile(process.argv[2], "utf8"));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
let failed = false;
const check = (ok, name, detail = "") => {
  console.log(`${ok ? "ok" : "FAIL"} ${name}${detail ? ": " + detail : ""}`);
  if (!ok) failed = true;
};
try {
  const page = await browser.newPage();
  let redirected = null;
  // The app's redirect URI is not reachable here: catch the navigation.
  await page.route(fx.redirect_prefix + "**", (route) => {
    redirected = route.request().url();
    route.fulfill({ status: 200, contentType: "text/plain", body: "app received the code" });
  });

  await page.goto(fx.authorize_url);
  check((await page.textContent("h1")).includes(fx.app_name), "the sign-in page names the app");

  await page.fill("#workspace", fx.workspace);
  await page.fill("#email", fx.email);
  await page.fill("#password", "wrong password");
  await page.click("button[type=submit]");
  check((await page.content()).includes("class=\"error\""), "a wrong password shows an error on the page");

  await page.fill("#workspace", fx.workspace);
  await page.fill("#email", fx.email);
  await page.fill("#password", fx.password);
  await page.click("button[type=submit]");
  await page.waitForSelector("button[value=approve]");
  check((await page.content()).includes("public_api"), "the consent page shows the scope");
  if (fx.screenshot) await page.screenshot({ path: fx.screenshot });

  await page.click("button[value=approve]");
  await page.waitForURL(fx.redirect_prefix + "**");
  const u = new URL(redirected || page.url());
  check(u.searchParams.get("code")?.length > 10, "approving redirects to the app with a code", u.origin + u.pathname);
  check(u.searchParams.get("state") === "st ate", "the state comes back exactly", u.searchParams.get("state"));
  console.log(`code ${u.searchParams.get("code")}`);
} catch (e) {
  check(false, "the browser run", String(e));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
