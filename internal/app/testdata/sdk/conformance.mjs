// Conformance of this server with the official Fathom SDK (fathom-typescript,
// pinned in package.json). internal/app/sdk_test.go starts the server, seeds
// a workspace, computes the expected answers and runs:
//
//     node conformance.mjs fixture.json
//
// One line per check ("ok name" or "FAIL name: detail"); exit 1 if any failed.
// Any ResponseValidationError (a zod error while parsing a response) is a
// failure wherever it happens.

import { readFile } from "node:fs/promises";
import http from "node:http";
import { isDeepStrictEqual } from "node:util";
import { Fathom } from "fathom-typescript";
import {
  FathomError,
  ResponseValidationError,
  SDKError,
  SDKValidationError,
} from "fathom-typescript/sdk/models/errors";
import {
  GetRecordingSummaryResponseBody$inboundSchema,
  GetRecordingTranscriptResponseBody$inboundSchema,
} from "fathom-typescript/sdk/models/operations";
import {
  Meeting$inboundSchema,
  meetingFromJSON,
} from "fathom-typescript/sdk/models/shared";

const fx = JSON.parse(await readFile(process.argv[2], "utf8"));

// ---------------------------------------------------------------- checks

let failures = 0;
let passes = 0;

function describe(e) {
  if (e instanceof ResponseValidationError) {
    return `ResponseValidationError (the SDK rejected the response): ${e.pretty()}`;
  }
  if (e instanceof SDKValidationError) {
    return `SDKValidationError: ${e.pretty ? e.pretty() : e.message}`;
  }
  if (e?.name === "ZodError") return `ZodError: ${JSON.stringify(e.issues)}`;
  if (e instanceof FathomError) {
    return `${e.name} ${e.statusCode}: ${e.message.slice(0, 400)}`;
  }
  return e?.message ?? String(e);
}

// check runs fn; a returned string is shown as detail.
async function check(name, fn) {
  try {
    const detail = await fn();
    passes++;
    console.log(`ok ${name}${detail ? `: ${detail}` : ""}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${describe(e)}`);
  }
}

function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}

function eq(got, want, what) {
  if (!isDeepStrictEqual(got, want)) {
    throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

// idsDiff explains how two id lists differ.
function idsEqual(got, want, what) {
  if (isDeepStrictEqual(got, want)) return;
  const g = new Set(got);
  const w = new Set(want);
  const missing = want.filter((id) => !g.has(id));
  const extra = got.filter((id) => !w.has(id));
  throw new Error(
    `${what}: got ${got.length} ids, want ${want.length}; missing ${JSON.stringify(missing)}, ` +
      `unexpected ${JSON.stringify(extra)}${missing.length + extra.length === 0 ? " (order differs)" : ""}; ` +
      `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`,
  );
}

async function expectThrowsStatus(fn, status, what) {
  let res;
  try {
    res = await fn();
  } catch (e) {
    if (e instanceof ResponseValidationError) throw e;
    expect(e instanceof SDKError || e instanceof FathomError, `${what}: threw ${describe(e)}, want an SDKError`);
    eq(e.statusCode, status, `${what}: statusCode`);
    return `threw ${e.name} ${e.statusCode}`;
  }
  throw new Error(`${what}: did not throw (returned ${JSON.stringify(res)}), want SDKError ${status}`);
}

const sdkFor = (key, baseURL = fx.base_url) =>
  new Fathom({ serverURL: baseURL, security: { apiKeyAuth: key }, timeoutMs: 30_000 });
const sdk = Object.fromEntries(Object.entries(fx.keys).map(([who, key]) => [who, sdkFor(key)]));

// pages collects every page of a listing; req undefined calls with no argument.
async function pages(client, method, req) {
  const it = req === undefined ? await client[method]() : await client[method](req);
  const out = [];
  for await (const page of it) {
    expect(page?.result !== undefined, `page ${out.length + 1} came back undefined (the server answered 400, 401 or 429)`);
    out.push(page.result);
    expect(out.length < 100, "more than 100 pages: pagination does not end");
  }
  return out;
}

const ids = (ps) => ps.flatMap((p) => p.items.map((m) => m.recordingId));
const time = (d) => (d instanceof Date ? d.getTime() : NaN);

// checkPages: page sizes, cursors, no duplicates, newest first.
function checkPages(ps, what) {
  ps.forEach((p, i) => {
    const last = i === ps.length - 1;
    expect(p.limit === null || Number.isInteger(p.limit), `${what}: page ${i + 1} limit ${p.limit}`);
    expect(p.items.length <= 10, `${what}: page ${i + 1} has ${p.items.length} items, more than 10`);
    if (!last) {
      eq(p.items.length, 10, `${what}: items on full page ${i + 1}`);
      expect(typeof p.nextCursor === "string" && p.nextCursor !== "", `${what}: page ${i + 1} has no next_cursor`);
    } else {
      expect(p.nextCursor === null || p.nextCursor === "", `${what}: last page next_cursor ${JSON.stringify(p.nextCursor)}`);
    }
  });
  const all = ps.flatMap((p) => p.items);
  const seen = new Set();
  all.forEach((m, i) => {
    expect(!seen.has(m.recordingId), `${what}: recording ${m.recordingId} appears twice`);
    seen.add(m.recordingId);
    if (i > 0) {
      const prev = all[i - 1];
      expect(
        time(prev.createdAt) > time(m.createdAt) ||
          (time(prev.createdAt) === time(m.createdAt) && prev.recordingId > m.recordingId),
        `${what}: ${prev.recordingId} (${prev.createdAt.toISOString()}) before ${m.recordingId} (${m.createdAt.toISOString()}) is not newest first`,
      );
    }
  });
}

// checkMeeting compares a parsed Meeting with the seed; inc says which
// include_* flags were set.
function checkMeeting(m, inc = {}) {
  const want = fx.meetings[String(m.recordingId)];
  const at = `recording ${m.recordingId}`;
  expect(want, `${at}: not a seeded meeting`);
  eq(m.title, want.title, `${at} title`);
  eq(m.meetingTitle, null, `${at} meetingTitle`);
  expect(/^https?:\/\//.test(m.url) && /^https?:\/\//.test(m.shareUrl), `${at}: url ${m.url} share_url ${m.shareUrl}`);
  for (const [k, w] of [
    ["createdAt", want.created_at],
    ["recordingStartTime", want.recording_start_time],
    ["recordingEndTime", want.recording_end_time],
    ["scheduledStartTime", want.scheduled_start_time],
    ["scheduledEndTime", want.scheduled_end_time],
  ]) {
    eq(time(m[k]), Date.parse(w), `${at} ${k} (ms; want ${w})`);
  }
  eq(m.calendarInviteesDomainsType, want.calendar_invitees_domains_type, `${at} calendarInviteesDomainsType`);
  eq(m.transcriptLanguage, "en", `${at} transcriptLanguage`);
  const r = want.recorded_by;
  eq(m.recordedBy, { name: r.name, email: r.email, emailDomain: r.email_domain, team: r.team }, `${at} recordedBy`);
  eq(
    m.calendarInvitees.map((i) => ({ name: i.name, email: i.email, emailDomain: i.emailDomain, isExternal: i.isExternal })),
    want.calendar_invitees.map((i) => ({ name: i.name, email: i.email, emailDomain: i.email_domain, isExternal: i.is_external })),
    `${at} calendarInvitees`,
  );
  if (inc.transcript) {
    eq(
      m.calendarInvitees.map((i) => i.matchedSpeakerDisplayName ?? null),
      want.calendar_invitees.map((i) => i.matched_speaker_display_name),
      `${at} calendarInvitees[].matchedSpeakerDisplayName`,
    );
    checkTranscript(m.transcript, want, at);
  } else {
    eq(m.transcript, null, `${at} transcript without includeTranscript`);
  }
  if (inc.summary) {
    expect(m.defaultSummary, `${at}: defaultSummary is ${m.defaultSummary} with includeSummary`);
    checkSummary(m.defaultSummary, at);
  } else {
    eq(m.defaultSummary, null, `${at} defaultSummary without includeSummary`);
  }
  if (inc.actionItems) {
    expect(Array.isArray(m.actionItems), `${at}: actionItems is ${m.actionItems} with includeActionItems`);
    for (const a of m.actionItems) {
      expect(/^\d{2}:\d{2}:\d{2}$/.test(a.recordingTimestamp), `${at}: action item timestamp ${a.recordingTimestamp}`);
      expect(a.recordingPlaybackUrl.startsWith("http"), `${at}: playback url ${a.recordingPlaybackUrl}`);
    }
  } else {
    eq(m.actionItems, null, `${at} actionItems without includeActionItems`);
  }
  if (inc.crmMatches) {
    expect(m.crmMatches && typeof m.crmMatches === "object", `${at}: crmMatches is ${m.crmMatches} with includeCrmMatches`);
  } else {
    eq(m.crmMatches, null, `${at} crmMatches without includeCrmMatches`);
  }
}

function checkTranscript(items, want, at) {
  expect(Array.isArray(items), `${at}: transcript is ${items}`);
  eq(
    items.map((u) => ({
      speaker: u.speaker.displayName,
      text: u.text,
      timestamp: u.timestamp,
      matched_email: u.speaker.matchedCalendarInviteeEmail ?? null,
    })),
    want.transcript,
    `${at} transcript`,
  );
}

function checkSummary(s, at) {
  eq(s.templateName, "General", `${at} summary templateName`);
  expect(
    typeof s.markdownFormatted === "string" && s.markdownFormatted.startsWith("## Meeting Purpose"),
    `${at}: markdown starts ${JSON.stringify(String(s.markdownFormatted).slice(0, 40))}`,
  );
}

// ---------------------------------------------------------- a receiver

// A local HTTP server that records every POST by path.
function startReceiver() {
  const got = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const r = { path: req.url, headers: { ...req.headers }, body: Buffer.concat(chunks).toString("utf8") };
      got.push(r);
      res.writeHead(204).end();
      for (const w of waiters.splice(0)) w();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        got,
        close: () => new Promise((r) => server.close(r)),
        // wait resolves with the first request to path, or fails at the deadline.
        async wait(path, ms) {
          const deadline = Date.now() + ms;
          for (;;) {
            const r = got.find((x) => x.path === path);
            if (r) return r;
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`nothing POSTed to ${url}${path} within ${ms / 1000} s (got: ${got.map((x) => x.path).join(", ") || "none"})`);
            await new Promise((resolve) => {
              const timer = setTimeout(resolve, left);
              waiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
        },
      });
    });
  });
}

async function raw(method, url, key, body) {
  const headers = { accept: "application/json" };
  if (key) headers["x-api-key"] = key;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = (await res.text()).trim();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

// ------------------------------------------------------------- the suite

const watchdog = setTimeout(() => {
  console.log("FAIL watchdog: the suite did not finish within 4 minutes");
  process.exit(1);
}, 240_000);

const byName = Object.fromEntries(fx.cases.map((c) => [c.name, c]));
const aliceAll = byName["alice: listMeetings() with no argument"].expected;
const bobAll = byName["bob: listMeetings()"].expected;

// Listing and filters.
for (const c of fx.cases) {
  await check(`listMeetings ${c.name}`, async () => {
    const ps = await pages(sdk[c.key], "listMeetings", c.request === null ? undefined : c.request);
    checkPages(ps, c.name);
    idsEqual(ids(ps), c.expected, c.name);
    for (const p of ps) for (const m of p.items) checkMeeting(m);
    return `${c.expected.length} meetings in ${ps.length} page(s)`;
  });
}

await check("raw: page 2 of listMeetings() as the SDK asks for it (defaults filled in + cursor) is a 200", async () => {
  // With no argument the SDK sends no query for page 1, but page 2 is
  // listMeetings({...undefined, cursor}), which fills in the defaults.
  const first = await raw("GET", `${fx.base_url}/meetings`, fx.keys.a);
  eq(first.status, 200, "page 1 status");
  const cursor = first.json?.next_cursor;
  expect(typeof cursor === "string" && cursor, `page 1 next_cursor ${JSON.stringify(cursor)}`);
  const q =
    `calendar_invitees_domains_type=all&cursor=${encodeURIComponent(cursor)}` +
    "&include_action_items=false&include_crm_matches=false&include_summary=false&include_transcript=false";
  const second = await raw("GET", `${fx.base_url}/meetings?${q}`, fx.keys.a);
  eq(second.status, 200, `GET /meetings?${q} status (body ${second.text.slice(0, 200)})`);
});
await check("listMeetings() paginates across at least 3 pages", async () => {
  const ps = await pages(sdk.a, "listMeetings");
  expect(ps.length >= 3, `only ${ps.length} pages for ${aliceAll.length} meetings`);
  return `${ps.length} pages`;
});

const includeCases = [
  ["includeTranscript", { transcript: true }],
  ["includeSummary", { summary: true }],
  ["includeActionItems", { actionItems: true }],
  ["includeCrmMatches", { crmMatches: true }],
  ["all four include flags", { transcript: true, summary: true, actionItems: true, crmMatches: true }],
];
for (const [name, inc] of includeCases) {
  await check(`listMeetings ${name}`, async () => {
    const req = {
      includeTranscript: !!inc.transcript,
      includeSummary: !!inc.summary,
      includeActionItems: !!inc.actionItems,
      includeCrmMatches: !!inc.crmMatches,
    };
    const ps = await pages(sdk.a, "listMeetings", req);
    checkPages(ps, name);
    idsEqual(ids(ps), aliceAll, name);
    let actions = 0;
    for (const p of ps) {
      for (const m of p.items) {
        checkMeeting(m, inc);
        actions += m.actionItems?.length ?? 0;
      }
    }
    if (inc.actionItems) expect(actions > 0, "no action item in any meeting, though every transcript asks for something by Friday");
    return inc.actionItems ? `${actions} action items` : "";
  });
}

// Summaries and transcripts, synchronous.
const sample = fx.visible_to_alice.slice(0, 4);
for (const id of sample) {
  await check(`getRecordingSummary ${id} (sync)`, async () => {
    const res = await sdk.a.getRecordingSummary({ recordingId: id });
    expect(res && "summary" in res, `got ${JSON.stringify(res)}`);
    checkSummary(res.summary, `recording ${id}`);
  });
  await check(`getRecordingTranscript ${id} with destinationUrl "" (sync)`, async () => {
    const res = await sdk.a.getRecordingTranscript({ recordingId: id, destinationUrl: "" });
    expect(res && "transcript" in res, `got ${JSON.stringify(res)}`);
    checkTranscript(res.transcript, fx.meetings[String(id)], `recording ${id}`);
  });
}
await check('getRecordingSummary with destinationUrl "" is synchronous', async () => {
  const res = await sdk.a.getRecordingSummary({ recordingId: sample[0], destinationUrl: "" });
  expect(res && "summary" in res, `got ${JSON.stringify(res)}`);
  checkSummary(res.summary, `recording ${sample[0]}`);
});
await check("getRecordingSummary of an unknown recording throws SDKError 404", () =>
  expectThrowsStatus(() => sdk.a.getRecordingSummary({ recordingId: fx.unknown_recording_id }), 404, "unknown"));
await check("getRecordingSummary of another user's private recording throws SDKError 404", () =>
  expectThrowsStatus(() => sdk.a.getRecordingSummary({ recordingId: fx.invisible_to_alice }), 404, "invisible"));
await check("getRecordingTranscript of an unknown recording throws SDKError 404", () =>
  expectThrowsStatus(
    () => sdk.a.getRecordingTranscript({ recordingId: fx.unknown_recording_id, destinationUrl: "" }),
    404,
    "unknown",
  ));

// Teams and members.
await check("listTeams", async () => {
  const ps = await pages(sdk.a, "listTeams");
  for (const p of ps) expect(Number.isInteger(p.limit), `limit ${p.limit}`);
  const teams = ps.flatMap((p) => p.items);
  eq(teams.map((t) => t.name), fx.teams, "team names in creation order");
  for (const t of teams) expect(!Number.isNaN(time(t.createdAt)), `team ${t.name} createdAt ${t.createdAt}`);
  return teams.map((t) => t.name).join(", ");
});
for (const team of fx.teams) {
  await check(`listTeamMembers({team: ${JSON.stringify(team)}})`, async () => {
    const ps = await pages(sdk.a, "listTeamMembers", { team });
    const emails = ps.flatMap((p) => p.items.map((m) => m.email)).sort();
    eq(emails, [...fx.team_members[team]].sort(), `members of ${team}`);
    return emails.join(", ");
  });
}
await check("listTeamMembers() lists every workspace member", async () => {
  const ps = await pages(sdk.a, "listTeamMembers");
  const emails = ps.flatMap((p) => p.items.map((m) => m.email));
  for (const e of fx.members.filter((e) => e.endsWith("@acme.com"))) {
    expect(emails.includes(e), `${e} missing from ${JSON.stringify(emails)}`);
  }
  for (const m of ps.flatMap((p) => p.items)) {
    expect(typeof m.name === "string" && !Number.isNaN(time(m.createdAt)), `member ${JSON.stringify(m)}`);
  }
  return `${emails.length} members${emails.includes(fx.emails.g) ? " (the guest included)" : " (the guest not listed)"}`;
});
await check("listTeamMembers({team: unknown}) is empty", async () => {
  const ps = await pages(sdk.a, "listTeamMembers", { team: "No Such Team" });
  eq(ps.flatMap((p) => p.items), [], "members");
});

// Errors that the SDK returns as undefined (spec §4).
const bad = sdkFor("fathom_definitely_not_a_key");
const anon = new Fathom({ serverURL: fx.base_url, timeoutMs: 30_000 });
for (const [who, client] of [["a bad key", bad], ["no credentials", anon]]) {
  await check(`401 with ${who}: listMeetings result is undefined`, async () => {
    const res = await client.listMeetings({});
    eq(res.result, undefined, "result");
  });
  await check(`401 with ${who}: listTeams and listTeamMembers results are undefined`, async () => {
    eq((await client.listTeams()).result, undefined, "listTeams result");
    eq((await client.listTeamMembers({ team: "Sales" })).result, undefined, "listTeamMembers result");
  });
  await check(`401 with ${who}: getRecordingSummary/Transcript return undefined`, async () => {
    eq(await client.getRecordingSummary({ recordingId: sample[0] }), undefined, "summary");
    eq(await client.getRecordingTranscript({ recordingId: sample[0], destinationUrl: "" }), undefined, "transcript");
  });
  await check(`401 with ${who}: createWebhook returns undefined, deleteWebhook does not throw`, async () => {
    const w = await client.createWebhook({
      destinationUrl: "http://127.0.0.1:9/never",
      includeSummary: true,
      triggeredFor: ["my_recordings"],
    });
    eq(w, undefined, "createWebhook");
    await client.deleteWebhook({ id: "anything" });
  });
}
await check("401 raw: JSON error body", async () => {
  const r = await raw("GET", `${fx.base_url}/meetings`, "fathom_definitely_not_a_key");
  eq(r.status, 401, "status");
  expect((r.headers.get("content-type") ?? "").startsWith("application/json"), `content-type ${r.headers.get("content-type")}`);
  expect(r.json && typeof r.json.error === "string", `body ${r.text}`);
  expect(/^bearer/i.test(r.headers.get("www-authenticate") ?? ""), `WWW-Authenticate ${r.headers.get("www-authenticate")}`);
});
await check("400 for a bad cursor: result undefined", async () => {
  eq((await sdk.a.listMeetings({ cursor: "not-a-cursor!" })).result, undefined, "result");
});
await check("400 for a cursor replayed with other filters: result undefined", async () => {
  const first = await sdk.a.listMeetings({});
  const cursor = first.result?.nextCursor;
  expect(typeof cursor === "string" && cursor, `first page has no cursor: ${JSON.stringify(first.result?.nextCursor)}`);
  const again = await sdk.a.listMeetings({ cursor });
  expect(again.result?.items?.length > 0, "the cursor does not work with its own filters");
  eq((await sdk.a.listMeetings({ teams: ["Sales"], cursor })).result, undefined, "result with other filters");
});
await check("400 for a bad createdAfter: result undefined", async () => {
  eq((await sdk.a.listMeetings({ createdAfter: "yesterday" })).result, undefined, "result");
});
await check("400 for a bad createdBefore: result undefined", async () => {
  eq((await sdk.a.listMeetings({ createdBefore: "2025-13-45T99:00:00Z" })).result, undefined, "result");
});
await check("400 for createWebhook with no include flag: undefined", async () => {
  eq(
    await sdk.a.createWebhook({ destinationUrl: "http://127.0.0.1:9/hook", triggeredFor: ["my_recordings"] }),
    undefined,
    "createWebhook",
  );
});
await check("400 for createWebhook with an empty triggeredFor: undefined", async () => {
  eq(
    await sdk.a.createWebhook({ destinationUrl: "http://127.0.0.1:9/hook", includeSummary: true, triggeredFor: [] }),
    undefined,
    "createWebhook",
  );
});

// Bearer authentication.
await check("bearerAuth lists the same meetings as apiKeyAuth", async () => {
  const client = new Fathom({ serverURL: fx.base_url, security: { bearerAuth: fx.keys.a }, timeoutMs: 30_000 });
  const ps = await pages(client, "listMeetings", {});
  idsEqual(ids(ps), aliceAll, "bearer");
  eq((await pages(client, "listTeams")).flatMap((p) => p.items.map((t) => t.name)), fx.teams, "teams");
});
await check("bearerAuth from a security callback", async () => {
  const client = new Fathom({ serverURL: fx.base_url, security: async () => ({ bearerAuth: fx.keys.a }), timeoutMs: 30_000 });
  idsEqual(ids(await pages(client, "listMeetings", {})), aliceAll, "bearer callback");
});
await check("apiKeyAuth wins over bearerAuth when both are set", async () => {
  const client = new Fathom({ serverURL: fx.base_url, security: { apiKeyAuth: fx.keys.b, bearerAuth: fx.keys.a }, timeoutMs: 30_000 });
  idsEqual(ids(await pages(client, "listMeetings", {})), bobAll, "both set (bob's key in apiKeyAuth)");
});
await check("a bad bearer token: result undefined", async () => {
  const client = new Fathom({ serverURL: fx.base_url, security: { bearerAuth: "nope" }, timeoutMs: 30_000 });
  eq((await client.listMeetings()).result, undefined, "result");
});

// Async summary and transcript: signed callbacks.
const receiver = await startReceiver();
let callbackSecret;
await check("GET /callback_secret (extension)", async () => {
  const r = await raw("GET", `${fx.base_url}/callback_secret`, fx.keys.a);
  eq(r.status, 200, `status (body ${r.text})`);
  callbackSecret = r.json?.secret;
  expect(typeof callbackSecret === "string" && callbackSecret.startsWith("whsec_"), `secret ${JSON.stringify(callbackSecret)}`);
});

function verified(secret, r, what) {
  let payload;
  try {
    payload = Fathom.verifyWebhook(secret, r.headers, r.body);
  } catch (e) {
    throw new Error(`${what}: Fathom.verifyWebhook failed: ${e.message}; headers ${JSON.stringify(r.headers)}`);
  }
  expect((r.headers["content-type"] ?? "").startsWith("application/json"), `${what}: content-type ${r.headers["content-type"]}`);
  expect(/^msg_[A-Za-z0-9]+$/.test(r.headers["webhook-id"] ?? ""), `${what}: webhook-id ${r.headers["webhook-id"]}`);
  let forged = false;
  try {
    Fathom.verifyWebhook(secret, r.headers, r.body.replace(/}\s*$/, ',"x":1}'));
  } catch {
    forged = true;
  }
  expect(forged, `${what}: a tampered body verifies too`);
  return payload;
}

const asyncID = sample[0];
await check("getRecordingSummary with destinationUrl answers with the URL and POSTs a signed summary", async () => {
  const dest = `${receiver.url}/callback/summary?recording=${asyncID}`;
  const res = await sdk.a.getRecordingSummary({ recordingId: asyncID, destinationUrl: dest });
  eq(res, { destinationUrl: dest }, "answer");
  const r = await receiver.wait(`/callback/summary?recording=${asyncID}`, 30_000);
  const body = verified(callbackSecret, r, "summary callback");
  eq(body.recording_id, asyncID, "recording_id");
  checkSummary(GetRecordingSummaryResponseBody$inboundSchema.parse(body).summary, "callback");
});
await check("getRecordingTranscript with destinationUrl answers with the URL and POSTs a signed transcript", async () => {
  const dest = `${receiver.url}/callback/transcript?recording=${asyncID}`;
  const res = await sdk.a.getRecordingTranscript({ recordingId: asyncID, destinationUrl: dest });
  eq(res, { destinationUrl: dest }, "answer");
  const r = await receiver.wait(`/callback/transcript?recording=${asyncID}`, 30_000);
  const body = verified(callbackSecret, r, "transcript callback");
  eq(body.recording_id, asyncID, "recording_id");
  checkTranscript(GetRecordingTranscriptResponseBody$inboundSchema.parse(body).transcript, fx.meetings[String(asyncID)], "callback");
});
await check("getRecordingSummary with destinationUrl on an unknown recording throws 404", () =>
  expectThrowsStatus(
    () => sdk.a.getRecordingSummary({ recordingId: fx.unknown_recording_id, destinationUrl: `${receiver.url}/callback/never` }),
    404,
    "unknown",
  ));

// Webhooks: create, a real delivery, delete.
let hook;
await check("createWebhook returns the 201 Webhook with a whsec_ secret", async () => {
  const req = {
    destinationUrl: `${receiver.url}/hook`,
    includeTranscript: true,
    includeSummary: true,
    includeActionItems: true,
    triggeredFor: ["my_recordings"],
  };
  hook = await sdk.a.createWebhook(req);
  expect(hook, `got ${hook}`);
  expect(typeof hook.id === "string" && hook.id !== "", `id ${hook.id}`);
  eq(hook.url, req.destinationUrl, "url");
  expect(/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(hook.secret), `secret ${hook.secret}`);
  eq(
    [hook.includeTranscript, hook.includeSummary, hook.includeActionItems, hook.includeCrmMatches],
    [true, true, true, false],
    "include flags",
  );
  eq(hook.triggeredFor, ["my_recordings"], "triggeredFor");
  expect(!Number.isNaN(time(hook.createdAt)), `createdAt ${hook.createdAt}`);
  return `id ${hook.id}`;
});
await check("a new meeting is delivered to the webhook, signed, and parses as a Meeting", async () => {
  expect(hook, "no webhook was created");
  const ing = await raw("POST", `${fx.base_url}/recordings`, fx.keys.a, fx.delivery_ingest);
  eq(ing.status, 201, `ingest status (body ${ing.text.slice(0, 300)})`);
  const id = ing.json.recording_id;
  const r = await receiver.wait("/hook", 60_000);
  const payload = verified(hook.secret, r, "delivery");
  eq(payload.recording_id, id, "recording_id");
  expect(meetingFromJSON(r.body).ok, "meetingFromJSON failed");
  const m = Meeting$inboundSchema.parse(JSON.parse(r.body));
  eq(m.recordingId, id, "recordingId");
  eq(m.recordedBy.email, fx.emails.a, "recordedBy.email");
  eq(m.calendarInviteesDomainsType, "one_or_more_external", "calendarInviteesDomainsType");
  eq(m.title, fx.delivery_ingest.title, "title");
  eq(m.meetingTitle, fx.delivery_ingest.meeting_title, "meetingTitle");
  eq(time(m.createdAt), Date.parse(fx.delivery_ingest.recording_end_time), "createdAt (= recording_end_time)");
  eq(
    m.transcript?.map((u) => u.text),
    fx.delivery_ingest.transcript.map((u) => u.text),
    "transcript texts",
  );
  expect(m.defaultSummary, "defaultSummary is null though includeSummary");
  checkSummary(m.defaultSummary, "delivery");
  expect(Array.isArray(m.actionItems) && m.actionItems.length > 0, `actionItems ${JSON.stringify(m.actionItems)}`);
  eq(m.crmMatches, null, "crmMatches (not included)");
  let wrong = false;
  try {
    Fathom.verifyWebhook("whsec_" + Buffer.alloc(24, 7).toString("base64"), r.headers, r.body);
  } catch {
    wrong = true;
  }
  expect(wrong, "the delivery verifies with a wrong secret");
  return `recording ${id}, ${m.actionItems.length} action item(s)`;
});
await check("deleteWebhook (204) does not throw; deleting it again (404) does not throw", async () => {
  expect(hook, "no webhook was created");
  eq(await sdk.a.deleteWebhook({ id: hook.id }), undefined, "first delete");
  eq(await sdk.a.deleteWebhook({ id: hook.id }), undefined, "second delete");
  const r = await raw("DELETE", `${fx.base_url}/webhooks/${encodeURIComponent(hook.id)}`, fx.keys.a);
  eq(r.status, 404, "raw status of a deleted webhook");
});
await check("deleteWebhook of an unknown id (404) does not throw", async () => {
  eq(await sdk.a.deleteWebhook({ id: "no-such-webhook" }), undefined, "delete");
  eq(await sdk.a.deleteWebhook({ id: "wh 1/2" }), undefined, "delete of an id needing encoding");
});
await check("deleteWebhook of another user's webhook is a 404 and leaves it", async () => {
  const w = await sdk.b.createWebhook({
    destinationUrl: `${receiver.url}/bob-hook`,
    includeCrmMatches: true,
    triggeredFor: ["shared_team_recordings"],
  });
  expect(w, "bob could not create a webhook");
  await sdk.a.deleteWebhook({ id: w.id });
  const r = await raw("DELETE", `${fx.base_url}/webhooks/${encodeURIComponent(w.id)}`, fx.keys.b);
  eq(r.status, 204, "bob's own delete after alice's attempt");
});
await receiver.close();

// Rate limits, on the second server (limits rl.limit and rl.heavy_limit).
const rl = fx.rate_limited;
const rlList = sdkFor(rl.list_key, rl.base_url);
const rlHeavy = sdkFor(rl.heavy_key, rl.base_url);
function rateHeaders(r, limit, what) {
  eq(r.headers.get("ratelimit-limit"), String(limit), `${what} RateLimit-Limit`);
  const remaining = Number(r.headers.get("ratelimit-remaining"));
  const reset = Number(r.headers.get("ratelimit-reset"));
  expect(Number.isInteger(remaining) && remaining >= 0 && remaining < limit, `${what} RateLimit-Remaining ${r.headers.get("ratelimit-remaining")}`);
  expect(Number.isInteger(reset) && reset >= 1 && reset <= 60, `${what} RateLimit-Reset ${r.headers.get("ratelimit-reset")}`);
  return remaining;
}
await check(`429 after ${rl.limit} requests: SDK results undefined, headers set`, async () => {
  const first = await raw("GET", `${rl.base_url}/meetings`, rl.list_key);
  eq(first.status, 200, "first request");
  eq(rateHeaders(first, rl.limit, "first"), rl.limit - 1, "RateLimit-Remaining after one request");
  expect(first.headers.get("retry-after") === null, "Retry-After on a 200");
  for (let i = 2; i <= rl.limit; i++) {
    const res = await rlList.listMeetings({});
    expect(res.result !== undefined, `request ${i} of ${rl.limit} was refused`);
  }
  eq((await rlList.listMeetings({})).result, undefined, "listMeetings over the limit");
  eq((await rlList.listTeams()).result, undefined, "listTeams over the limit");
  eq((await rlList.listTeamMembers({ team: "Sales" })).result, undefined, "listTeamMembers over the limit");
  eq(
    await rlList.createWebhook({ destinationUrl: "http://127.0.0.1:9/x", includeSummary: true, triggeredFor: ["my_recordings"] }),
    undefined,
    "createWebhook over the limit",
  );
  await rlList.deleteWebhook({ id: "anything" });
  const over = await raw("GET", `${rl.base_url}/meetings`, rl.list_key);
  eq(over.status, 429, "raw status over the limit");
  eq(rateHeaders(over, rl.limit, "429"), 0, "RateLimit-Remaining on 429");
  const retry = Number(over.headers.get("retry-after"));
  expect(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${over.headers.get("retry-after")}`);
  expect((over.headers.get("content-type") ?? "").startsWith("application/json"), `content-type ${over.headers.get("content-type")}`);
  return `Retry-After ${retry}`;
});
await check(`429 after ${rl.heavy_limit} heavy requests: summary/transcript undefined, light requests still served`, async () => {
  const first = await raw("GET", `${rl.base_url}/recordings/${rl.recording_id}/summary`, rl.heavy_key);
  eq(first.status, 200, `first heavy request (body ${first.text.slice(0, 200)})`);
  eq(rateHeaders(first, rl.heavy_limit, "first heavy"), rl.heavy_limit - 1, "RateLimit-Remaining after one heavy request");
  for (let i = 2; i <= rl.heavy_limit; i++) {
    const res = await rlHeavy.getRecordingTranscript({ recordingId: rl.recording_id, destinationUrl: "" });
    expect(res !== undefined, `heavy request ${i} of ${rl.heavy_limit} was refused`);
  }
  eq(await rlHeavy.getRecordingSummary({ recordingId: rl.recording_id }), undefined, "getRecordingSummary over the heavy limit");
  eq(
    await rlHeavy.getRecordingTranscript({ recordingId: rl.recording_id, destinationUrl: "" }),
    undefined,
    "getRecordingTranscript over the heavy limit",
  );
  eq((await rlHeavy.listMeetings({ includeSummary: true })).result, undefined, "listMeetings with includeSummary over the heavy limit");
  expect((await rlHeavy.listTeams()).result !== undefined, "a light request was refused after the heavy limit");
  const over = await raw("GET", `${rl.base_url}/recordings/${rl.recording_id}/transcript`, rl.heavy_key);
  eq(over.status, 429, "raw heavy status over the limit");
  eq(over.headers.get("ratelimit-limit"), String(rl.heavy_limit), "RateLimit-Limit on a heavy 429");
  expect(Number(over.headers.get("retry-after")) >= 1, `Retry-After ${over.headers.get("retry-after")}`);
});

clearTimeout(watchdog);
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
