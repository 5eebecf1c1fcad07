package webapp

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestRenderSummary(t *testing.T) {
	src := "## Topics\n- [**Funnel:** send numbers](http://host:8080/share/tok?tab=summary&timestamp=70.0)\n" +
		"- [other meeting](http://host:8080/share/other?timestamp=1)\n" +
		"<script>alert(1)</script>\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n"
	got, err := renderSummary(src, "tok", "/calls/7")
	if err != nil {
		t.Fatal(err)
	}
	html := string(got)
	for _, want := range []string{`<h2>Topics</h2>`, `<a href="/calls/7?tab=summary&amp;timestamp=70.0"><strong>Funnel:</strong>`,
		`href="http://host:8080/share/other?timestamp=1"`} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered summary lacks %s:\n%s", want, html)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "onerror", "<img"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered summary keeps %q:\n%s", bad, html)
		}
	}
}

// unsafeHTML is markup that could run script: a script or frame element,
// an event-handler attribute, a javascript: URL. Text is escaped by the
// renderer, so only tags it wrote can match.
var unsafeHTML = regexp.MustCompile(`(?i)<(script|iframe|object|embed)|<[a-z][^>]*\son[a-z]+=|(href|src)="\s*(javascript:|vbscript:|data:text)`)

// FuzzRenderSummary: whatever the Markdown, the HTML has no markup that
// could run script.
func FuzzRenderSummary(f *testing.F) {
	f.Add("## a\n- [b](http://h/share/t?timestamp=1)")
	f.Add("<script>x</script>")
	f.Add("[x](javascript:alert(1))")
	f.Add("[x](JaVaScRiPt:alert(1))")
	f.Add("<a href=\"javascript:x\" onclick=\"y\">z</a>")
	f.Add("0 onclick=")
	f.Fuzz(func(t *testing.T, src string) {
		got, err := renderSummary(src, "t", "/calls/1")
		if err != nil {
			return
		}
		if m := unsafeHTML.FindString(string(got)); m != "" {
			t.Fatalf("%q rendered with %q: %s", src, m, got)
		}
	})
}

func TestLines(t *testing.T) {
	items := transcriptFixture()
	ls, moment, n := lines(items, 70e9, "")
	if len(ls) != 3 || moment == nil || moment.Secs != 65 || !ls[1].Current || ls[0].Current || n != 0 {
		t.Fatalf("lines at 70s: %+v, moment %+v", ls, moment)
	}
	ls, moment, n = lines(items, -1, "BUDGET")
	if len(ls) != 1 || moment != nil || n != 1 || len(ls[0].Parts) != 3 || !ls[0].Parts[1].Mark || ls[0].Parts[1].Text != "budget" {
		t.Fatalf("lines matching BUDGET: %+v", ls)
	}
}

func transcriptFixture() []fathom.TranscriptItem {
	return []fathom.TranscriptItem{
		{Speaker: "Ann", Text: "Welcome.", At: 5 * time.Second},
		{Speaker: "Carl", Text: "Our budget is tight.", At: 65 * time.Second},
		{Speaker: "Ann", Text: "Noted.", At: 90 * time.Second},
	}
}
