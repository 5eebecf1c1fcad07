// Package transcript reads meeting transcripts made elsewhere (WebVTT and
// SRT captions, plain-text exports, QMSum and Fathom-style JSON) into the
// domain's []fathom.TranscriptItem, so that an imported file and a recording
// ingested through the API end up as the same kind of data.
//
// It is pure: it parses bytes it is given and must not do I/O, HTTP or SQL,
// know about tenants or storage, or summarise. Every error it returns is a
// *fathom.Error with code fathom.EINVALID whose message names the file and,
// where there is one, the line and what is wrong with it, because the
// messages are shown to the person importing the file.
package transcript
