// Package webhook is the delivery mechanism behind Fathom-compatible webhooks
// and asynchronous destination_url callbacks: it mints secrets and ids, signs
// and verifies payloads exactly as Standard Webhooks (svix,
// Fathom.verifyWebhook) do, refuses destinations that point into private
// networks (SSRF), and makes one HTTP delivery attempt at a time on the retry
// schedule the spec decides.
//
// It must not know about HTTP routing, SQL, tenants or the job queue: the
// meetings service decides what to send and to whom, the job queue decides
// when to retry and records each Result. Nothing here keeps state between
// calls except the Sender's connection pool.
package webhook
