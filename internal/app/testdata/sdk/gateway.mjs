// Lists meetings with the official SDK through a Maton-style gateway:
// bearer = the gateway key, Maton-Connection chooses the connection.
// Started by TestGatewayChain in internal/app/gateway_chain_test.go with a
// fixture: {"base_url", "key", "connection", "expect_ids"}.
import { readFile } from "node:fs/promises";
import { Fathom } from "fathom-typescript";
import { HTTPClient } from "fathom-typescript/lib/http.js";

const fx = JSON.parse(await readFile(process.argv[2], "utf8"));
const httpClient = new HTTPClient();
httpClient.addHook("beforeRequest", (req) => {
  req.headers.set("Maton-Connection", fx.connection);
  return req;
});
const fathom = new Fathom({ serverURL: fx.base_url, security: { bearerAuth: fx.key }, httpClient });

const ids = [];
for await (const page of await fathom.listMeetings({ includeActionItems: true })) {
  if (!page.result) throw new Error("a page came back undefined (a 400, 401 or 429)");
  for (const m of page.result.items) ids.push(m.recordingId);
}
const want = fx.expect_ids.join(",");
if (ids.join(",") !== want) {
  console.log(`FAIL listMeetings through the gateway: got ${ids.join(",")}, want ${want}`);
  process.exit(1);
}
const s = await fathom.getRecordingSummary({ recordingId: ids[0] });
if (!s.summary || !s.summary.markdownFormatted.startsWith("## Meeting Purpose")) {
  console.log(`FAIL getRecordingSummary through the gateway: ${JSON.stringify(s)}`);
  process.exit(1);
}
console.log(`ok the SDK listed ${ids.length} meetings and read a summary through the gateway`);
