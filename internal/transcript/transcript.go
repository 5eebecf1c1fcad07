package transcript

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// The formats Parse reads, as reported in Document.Format.
const (
	FormatVTT  = "vtt"  // WebVTT captions
	FormatSRT  = "srt"  // SubRip captions
	FormatText = "txt"  // plain text, "Speaker: text" lines
	FormatJSON = "json" // QMSum meeting_transcripts, or Fathom transcript items
)

// UnknownSpeaker is the display name of an utterance whose speaker the file
// does not say.
const UnknownSpeaker = "Unknown speaker"

// WordsPerMinute is the speaking rate used to estimate offsets for
// transcripts without timestamps.
const WordsPerMinute = 150

// wordTime is how long one word takes at WordsPerMinute.
const wordTime = time.Minute / WordsPerMinute

// Document is a parsed transcript.
type Document struct {
	Format string // one of the Format constants
	// Title is the meeting's title: from the file's own header when it has
	// one (a WebVTT header line, a Fathom text export), else from its name.
	Title string
	// Items are the utterances in order; their At never decreases and their
	// Speaker and Text are never empty.
	Items []fathom.TranscriptItem
	// Duration is the end of the last cue, or an estimate at WordsPerMinute
	// past the last timestamp when the format has no end times.
	Duration time.Duration
}

// Parse reads a transcript file. The format is chosen by name's extension
// (.vtt, .srt, .json; .txt and anything else are sniffed, since text is
// what exports without a proper extension usually are). The error is a
// *fathom.Error with code EINVALID naming the file and line.
func Parse(name string, data []byte) (*Document, error) {
	if name == "" {
		name = "transcript"
	}
	text := normalise(data)
	var (
		d   *Document
		err error
	)
	switch format := formatOf(name, text); format {
	case FormatVTT, FormatSRT:
		d, err = parseCues(name, format, text)
	case FormatJSON:
		d, err = parseJSON(name, text)
	default:
		d, err = parseText(name, text)
	}
	if err != nil {
		return nil, err
	}
	if len(d.Items) == 0 {
		return nil, invalid("%s: no transcript text found", name)
	}
	if d.Title == "" {
		d.Title = TitleFromName(name)
	}
	return d, nil
}

// FormatTimestamp renders an offset the way the API does: "HH:MM:SS",
// truncated to the second. Negative offsets render as "00:00:00".
func FormatTimestamp(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int64(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// TitleFromName makes a readable title from a file name: the extension is
// dropped, '-', '_' and '.' become spaces and the first letter is upper-cased
// ("weekly-sync_2025.vtt" → "Weekly sync 2025"; "ES2004a" stays as it is).
func TitleFromName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if ext := path.Ext(name); len(ext) <= 6 {
		name = strings.TrimSuffix(name, ext)
	}
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r)
	}), " ")
	if name == "" {
		return "Imported meeting"
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// formatOf picks a format from the extension, sniffing when it says nothing.
func formatOf(name, text string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".vtt", ".webvtt":
		return FormatVTT
	case ".srt":
		return FormatSRT
	case ".json":
		return FormatJSON
	}
	return sniff(text)
}

// sniff guesses a format from the first lines of text.
func sniff(text string) string {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "WEBVTT"):
		return FormatVTT
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[{") || strings.HasPrefix(t, "[\n") || t == "[]":
		return FormatJSON
	}
	lines := strings.SplitN(t, "\n", 4)
	if len(lines) >= 2 && strings.Contains(lines[1], "-->") && isDigits(strings.TrimSpace(lines[0])) {
		return FormatSRT
	}
	for _, l := range lines {
		if strings.Contains(l, "-->") {
			if strings.Contains(l, ",") {
				return FormatSRT
			}
			return FormatVTT
		}
	}
	return FormatText
}

// normalise turns data into valid UTF-8 with "\n" line ends and no BOM.
func normalise(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// invalid returns an EINVALID *fathom.Error.
func invalid(format string, args ...any) error {
	return fathom.Errorf(fathom.EINVALID, format, args...)
}

// clean collapses runs of white space and trims the ends.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// hasWord reports whether s has a letter or digit: text that is only
// punctuation is not an utterance.
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// estimate sets At on items from the words spoken before each, at
// WordsPerMinute, and returns the estimated end of the last one.
func estimate(items []fathom.TranscriptItem) time.Duration {
	var words int
	for i := range items {
		items[i].At = time.Duration(words) * wordTime
		words += len(strings.Fields(items[i].Text))
	}
	return time.Duration(words) * wordTime
}

// speakerOr returns s, or UnknownSpeaker when s is empty.
func speakerOr(s string) string {
	if s = clean(s); s == "" {
		return UnknownSpeaker
	}
	return s
}
