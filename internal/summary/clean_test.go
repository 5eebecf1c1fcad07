package summary

import (
	"regexp"
	"strings"
	"testing"
)

// standup is a short meeting with everything that made summaries noisy:
// fillers and false starts, a point said three times in nearly the same
// words, and catchy verb phrases ("kept getting lost") that once became
// labels and titles.
var standup = []utt{
	{"Ann", "Okay, so the purpose of this meeting is to decide the battery supplier for the new scanner."},
	{"Ben", "Um, I kept getting lost in the old supplier's price list, you know, it is huge."},
	{"Ann", "The battery supplier we pick must ship the battery packs before the scanner launch."},
	{"Ben", "The battery packs from the northern supplier cost less than the packs from the southern supplier."},
	{"Cat", "The battery packs from the northern supplier cost less than the packs from the southern supplier, yes."},
	{"Ben", "Yeah the the battery packs from the northern supplier cost less than the southern packs."},
	{"Cat", "The charging cradle needs a different connector for the battery packs, uh, the the connector is smaller."},
	{"Ann", "The scanner launch date stays in March whatever battery supplier we choose."},
	{"Cat", "I I've checked the charging cradle with the northern battery packs and it works."},
	{"Ben", "The warranty on the battery packs is two years with the northern supplier."},
	{"Ann", "Right, we go with the northern supplier for the battery packs then."},
}

// labelled matches a bold label in front of a quote: "[**Kept Getting Lost:** …".
var labelled = regexp.MustCompile(`\[\*\*[^*]+:\*\* `)

func TestGeneralClean(t *testing.T) {
	t.Parallel()
	meta := Meta{Title: "Supplier", ShareURL: "https://f.example/share/x", Language: "en"}
	items := meetingOf(standup...)
	md := General(items, nil, meta).Markdown
	checkLayout(t, md)
	body := md[:strings.Index(md, "## Next Steps")]
	if labelled.MatchString(body) {
		t.Errorf("a label was put in front of a quote:\n%s", md)
	}
	for _, noise := range []string{"Um", "uh", "you know", "the the", "I I've", "Kept Getting Lost"} {
		if strings.Contains(body, noise) {
			t.Errorf("summary keeps %q:\n%s", noise, md)
		}
	}
	if n := strings.Count(body, "cost less than"); n > 1 {
		t.Errorf("the same point is picked %d times:\n%s", n, md)
	}
	if !strings.Contains(md, "## Meeting Purpose\n\n[The purpose of this meeting is to decide the battery supplier for the new scanner.]") {
		t.Errorf("purpose is not what the meeting says it is for:\n%s", md)
	}
	// The title is made of the meeting's noun phrases said twice or more.
	mt := newMeeting(items, "en")
	nps := map[string]bool{}
	for _, p := range mt.nounPhrases(span{0, len(mt.sents)}) {
		nps[p.text] = true
	}
	title := regexp.MustCompile(`(?m)^### (.+)$`).FindStringSubmatch(md)
	if title == nil {
		t.Fatalf("no topic:\n%s", md)
	}
	for _, part := range strings.Split(title[1], " & ") {
		if !nps[part] {
			t.Errorf("topic title %q: %q is not one of the noun phrases %v", title[1], part, nps)
		}
	}
}

func TestNounPhrases(t *testing.T) {
	t.Parallel()
	mt := newMeeting(meetingOf(standup...), "en")
	ps := mt.nounPhrases(span{0, len(mt.sents)})
	var got []string
	for _, p := range ps {
		got = append(got, p.text)
	}
	joined := "|" + strings.Join(got, "|") + "|"
	for _, want := range []string{"|Battery Packs|", "|Northern Supplier|", "|Charging Cradle|"} {
		if !strings.Contains(joined, want) {
			t.Errorf("noun phrases %v lack %s", got, want)
		}
	}
	for _, not := range []string{"Kept", "Getting", "Lost", "Checked"} {
		if strings.Contains(joined, not) {
			t.Errorf("noun phrases %v hold the verb %q", got, not)
		}
	}
}
