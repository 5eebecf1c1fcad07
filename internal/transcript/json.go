package transcript

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// jsonFile is either a QMSum meeting or a Fathom transcript response.
type jsonFile struct {
	MeetingTranscripts []struct {
		Speaker string `json:"speaker"`
		Content string `json:"content"`
	} `json:"meeting_transcripts"`
	Transcript []jsonItem `json:"transcript"`
}

// jsonItem is a Fathom API TranscriptItem. Speaker may also be a plain
// string, as other tools write it.
type jsonItem struct {
	Speaker   json.RawMessage `json:"speaker"`
	Text      string          `json:"text"`
	Timestamp string          `json:"timestamp"`
}

type jsonSpeaker struct {
	DisplayName string `json:"display_name"`
	Email       string `json:"matched_calendar_invitee_email"`
}

// qmsumMarker matches QMSum's annotations: {vocalsound}, {disfmarker}, {gap}.
var qmsumMarker = regexp.MustCompile(`\{[a-z_]+\}`)

// qmsumAcronym matches the letters of QMSum's spelt acronyms ("T_V_", "L_C_D_").
var qmsumAcronym = regexp.MustCompile(`\b((?:[A-Z]_)+)`)

// spacedPunct matches the space QMSum leaves before punctuation ("okay , so").
var spacedPunct = regexp.MustCompile(` +([,.?!;:])`)

// parseJSON reads QMSum's {"meeting_transcripts": [{speaker, content}]}, a
// Fathom {"transcript": [...]} response, or a bare array of Fathom items.
func parseJSON(name, text string) (*Document, error) {
	var f jsonFile
	var err error
	if strings.HasPrefix(strings.TrimSpace(text), "[") {
		err = json.Unmarshal([]byte(text), &f.Transcript)
	} else {
		err = json.Unmarshal([]byte(text), &f)
	}
	if err != nil {
		return nil, jsonError(name, text, err)
	}
	d := &Document{Format: FormatJSON}
	if len(f.MeetingTranscripts) > 0 {
		for _, t := range f.MeetingTranscripts {
			if c := cleanQMSum(t.Content); c != "" {
				d.Items = append(d.Items, fathom.TranscriptItem{Speaker: speakerOr(t.Speaker), Text: c})
			}
		}
		d.Duration = estimate(d.Items)
		return d, nil
	}
	return parseFathomItems(name, f.Transcript)
}

// parseFathomItems converts Fathom transcript items. Timestamps are used
// when every item has one and estimated when none has.
func parseFathomItems(name string, in []jsonItem) (*Document, error) {
	d := &Document{Format: FormatJSON}
	timed := false
	var prev time.Duration
	for i, it := range in {
		sp, err := jsonSpeakerOf(it.Speaker)
		if err != nil {
			return nil, invalid("%s item %d: speaker must be a string or {\"display_name\": ...}", name, i+1)
		}
		var at time.Duration
		if it.Timestamp != "" {
			var ok bool
			if at, ok = parseClock(it.Timestamp); !ok {
				return nil, invalid("%s item %d: bad timestamp %q", name, i+1, truncate(it.Timestamp))
			}
			if at < prev {
				return nil, invalid("%s item %d: timestamp %s is before the previous one (%s)", name, i+1,
					FormatTimestamp(at), FormatTimestamp(prev))
			}
			prev, timed = at, true
		} else if timed {
			at = prev
		}
		if t := clean(it.Text); hasWord(t) {
			d.Items = append(d.Items, fathom.TranscriptItem{Speaker: speakerOr(sp.DisplayName),
				SpeakerEmail: strings.TrimSpace(sp.Email), Text: t, At: at})
		}
	}
	if !timed {
		d.Duration = estimate(d.Items)
	} else if n := len(d.Items); n > 0 {
		d.Duration = d.Items[n-1].At + time.Duration(len(strings.Fields(d.Items[n-1].Text)))*wordTime
	}
	return d, nil
}

func jsonSpeakerOf(raw json.RawMessage) (jsonSpeaker, error) {
	var sp jsonSpeaker
	if len(raw) == 0 || string(raw) == "null" {
		return sp, nil
	}
	if raw[0] == '"' {
		err := json.Unmarshal(raw, &sp.DisplayName)
		return sp, err
	}
	err := json.Unmarshal(raw, &sp)
	return sp, err
}

// cleanQMSum removes QMSum's annotation markers and the spaces it puts
// before punctuation, and returns "" for what is left without words.
func cleanQMSum(s string) string {
	s = clean(qmsumMarker.ReplaceAllString(s, " "))
	s = spacedPunct.ReplaceAllString(s, "$1")
	s = qmsumAcronym.ReplaceAllStringFunc(s, func(a string) string { return strings.ReplaceAll(a, "_", "") })
	s = strings.TrimLeft(s, ",.;:!? ")
	// A removed disfluency marker can leave doubled punctuation (", ,").
	for _, p := range [...]string{",,", ",.", ".,", ". .", ", ,"} {
		for strings.Contains(s, p) {
			s = strings.ReplaceAll(s, p, p[len(p)-1:])
		}
	}
	if !hasWord(s) {
		return ""
	}
	return s
}

// jsonError names the line of a JSON syntax or type error, without the Go
// type names encoding/json puts in its messages.
func jsonError(name, text string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return invalid("%s line %d: bad JSON: %s", name, lineAt(text, se.Offset), se.Error())
	case errors.As(err, &te):
		return invalid("%s line %d: not a transcript: %q should not be a JSON %s", name, lineAt(text, te.Offset),
			te.Field, te.Value)
	}
	return invalid("%s: bad JSON: unexpected end of input", name)
}

// lineAt returns the 1-based line of a byte offset.
func lineAt(text string, off int64) int {
	off = min(max(off, 0), int64(len(text)))
	return 1 + strings.Count(text[:off], "\n")
}
