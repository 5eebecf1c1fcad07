package outcome

import (
	"strings"
	"testing"
)

// FuzzClassify checks that any text, however malformed, gets one of the four
// outcomes with a confidence in [0, 1], zero exactly when nothing was found,
// and that classification is deterministic.
func FuzzClassify(f *testing.F) {
	for _, c := range replyTable {
		f.Add(c.reply)
	}
	f.Add("\xff\xfe not not not")
	f.Add(strings.Repeat("still not ", 200))
	f.Add("no? no. no, no! if if but")
	f.Fuzz(func(t *testing.T, reply string) {
		o, conf := Classify(reply)
		switch o {
		case Success, Failure, Pending, Unknown:
		default:
			t.Fatalf("Classify(%q) = %q", reply, o)
		}
		if !(conf >= 0 && conf <= 1) || (o != Unknown && conf == 0) {
			t.Fatalf("Classify(%q) = %s with confidence %v", reply, o, conf)
		}
		if o2, c2 := Classify(reply); o2 != o || c2 != conf {
			t.Fatalf("Classify(%q) not deterministic", reply)
		}
	})
}
