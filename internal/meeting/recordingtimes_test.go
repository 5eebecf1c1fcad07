package meeting

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// A recording given no times lasts until its last utterance ends, at the
// transcript's pace: a closing "Bye." gets about a second of talk, not a
// fixed five; given one time, the other follows from the same length.
func TestRecordingTimesFromTranscript(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	p := &IngestParams{Transcript: []fathom.TranscriptItem{
		{At: 0, Text: "shall we start"}, {At: 3 * time.Second, Text: "yes let us start now"}, {At: 8 * time.Second, Text: "Bye."}}}
	// Paces 1 s a word (3 in 3 s) and 1 s a word (5 in 5 s): "Bye." lasts 1 s.
	start, end := recordingTimes(p, now)
	if !end.Equal(now) || !start.Equal(now.Add(-9*time.Second)) {
		t.Fatalf("no times: %v to %v, want %v to %v", start, end, now.Add(-9*time.Second), now)
	}
	p.RecordingStart = now.Add(-time.Hour)
	if start, end = recordingTimes(p, now); !start.Equal(p.RecordingStart) || !end.Equal(p.RecordingStart.Add(9*time.Second)) {
		t.Fatalf("start only: %v to %v", start, end)
	}
}
