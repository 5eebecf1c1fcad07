package summary

import (
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// doc is a General summary before rendering.
type doc struct {
	share     string
	purpose   line
	takeaways []line
	topics    []section
	steps     []section // one per assignee, titled with the name
}

// section is a titled list of lines: a topic, or a person's next steps.
type section struct {
	title string
	at    time.Duration // where a Next Steps parent bullet links to
	lines []line
}

// line is one paragraph or bullet: text with an optional bold label, linked
// to the moment of the recording it came from.
type line struct {
	label string
	text  string
	at    time.Duration
}

// Unassigned is the Next Steps heading of action items with no assignee.
const Unassigned = "Unassigned"

// noPurpose and noSteps stand in for empty sections, so that the layout
// always has its four sections.
const (
	noPurpose = "No substantive discussion was captured."
	noSteps   = "No action items were identified."
)

// nextSteps groups action items by assignee, in order of first mention,
// the unassigned last.
func nextSteps(actions []fathom.ActionItem) []section {
	var out []section
	index := map[string]int{}
	for _, a := range actions {
		name := a.AssigneeName
		if name == "" {
			name = Unassigned
		}
		i, ok := index[name]
		if !ok {
			i = len(out)
			index[name] = i
			out = append(out, section{title: name, at: a.At})
		}
		text := strings.TrimRight(a.Description, ".") + "."
		out[i].lines = append(out[i].lines, line{text: text, at: a.At})
	}
	if i, ok := index[Unassigned]; ok && i != len(out)-1 {
		u := out[i]
		out = append(append(out[:i:i], out[i+1:]...), u)
	}
	return out
}

// markdown renders the summary exactly in Fathom's layout (spec §13): four
// H2 sections, a blank line after each heading, "  - " bullets with
// "      - " nested under them, every paragraph and bullet a link to its
// moment in the recording, and a final newline.
func (d doc) markdown() string {
	var b strings.Builder
	b.WriteString("## Meeting Purpose\n\n")
	if d.purpose.text == "" {
		d.purpose.text = noPurpose
	}
	b.WriteString(d.link(d.purpose))
	b.WriteString("\n\n## Key Takeaways\n\n")
	for _, l := range d.takeaways {
		b.WriteString("  - " + d.link(l) + "\n")
	}
	b.WriteString("\n## Topics\n\n")
	for _, t := range d.topics {
		b.WriteString("### " + escape(t.title) + "\n\n")
		for _, l := range t.lines {
			b.WriteString("  - " + d.link(l) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("## Next Steps\n\n")
	if len(d.steps) == 0 {
		b.WriteString("  - " + d.link(line{text: noSteps}) + "\n")
	}
	for _, s := range d.steps {
		b.WriteString("  - " + d.link(line{label: s.title, at: s.at}) + "\n")
		for _, l := range s.lines {
			b.WriteString("      - " + d.link(l) + "\n")
		}
	}
	return b.String()
}

// link renders "[**label:** text](<share>?tab=summary&timestamp=<s>.0)".
func (d doc) link(l line) string {
	var b strings.Builder
	b.WriteByte('[')
	if l.label != "" {
		b.WriteString("**" + escape(l.label) + ":**")
		if l.text != "" {
			b.WriteByte(' ')
		}
	}
	b.WriteString(escape(l.text))
	b.WriteString("](")
	b.WriteString(d.share)
	if strings.Contains(d.share, "?") {
		b.WriteByte('&')
	} else {
		b.WriteByte('?')
	}
	b.WriteString("tab=summary&timestamp=")
	b.WriteString(strconv.FormatInt(int64(max(l.at, 0)/time.Second), 10))
	b.WriteString(".0)")
	return b.String()
}

// escaper escapes what would otherwise end a link's text or start emphasis.
var escaper = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`", "\n", " ")

func escape(s string) string { return escaper.Replace(s) }
