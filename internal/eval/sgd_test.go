package eval

import (
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestSGDLabel(t *testing.T) {
	for _, c := range []struct {
		acts         []string
		accepted, ok bool
	}{
		{[]string{"AFFIRM"}, true, true},
		{[]string{"SELECT", "INFORM_INTENT"}, true, true},
		{[]string{"AFFIRM", "INFORM"}, true, true},
		{[]string{"NEGATE"}, false, true},
		{[]string{"REQUEST_ALTS"}, false, true},
		{[]string{"NEGATE", "INFORM"}, false, true},
		{[]string{"AFFIRM", "NEGATE"}, false, false},
		{[]string{"SELECT", "REQUEST_ALTS"}, false, false},
		{[]string{"INFORM", "REQUEST"}, false, false},
		{nil, false, false},
	} {
		accepted, ok := sgdLabel(c.acts)
		if ok != c.ok || (ok && accepted != c.accepted) {
			t.Errorf("sgdLabel(%v) = %v, %v; want %v, %v", c.acts, accepted, ok, c.accepted, c.ok)
		}
	}
	if !sgdProposes([]string{"INFORM", "OFFER"}) || !sgdProposes([]string{"CONFIRM"}) || sgdProposes([]string{"REQUEST", "NOTIFY_SUCCESS"}) {
		t.Error("sgdProposes: OFFER and CONFIRM propose, REQUEST and NOTIFY_SUCCESS do not")
	}
}

func TestSGDReportHalfIsFixedAndBalanced(t *testing.T) {
	// The rule must not drift once results are reported: pin a few ids
	// (checked against an independent FNV-1a), then check the halves are
	// near even.
	for id, want := range map[string]bool{"1_00000": true, "1_00001": false, "1_00002": true, "2_00000": false} {
		if SGDReportHalf(id) != want {
			t.Errorf("SGDReportHalf(%q) = %v, want %v", id, !want, want)
		}
	}
	report := 0
	ids := 0
	for svc := 1; svc <= 20; svc++ {
		for n := 0; n < 100; n++ {
			ids++
			if SGDReportHalf(sgdID(svc, n)) {
				report++
			}
		}
	}
	if report < ids*4/10 || report > ids*6/10 {
		t.Errorf("report half holds %d of %d ids", report, ids)
	}
}

func sgdID(svc, n int) string { return fmt.Sprintf("%02d_%02d", svc, n) }

func TestScoreSGD(t *testing.T) {
	rs := []SGDReaction{{Reply: "yes", Accepted: true}, {Reply: "no"}, {Reply: "hmm", Accepted: true}, {Reply: "yes"}}
	s := ScoreSGD(rs, func(r string) (fathom.Outcome, float64) {
		switch r {
		case "yes":
			return fathom.OutcomeSuccess, 1
		case "no":
			return fathom.OutcomeFailure, 1
		}
		return fathom.OutcomeUnknown, 0
	})
	if s.Confusion != [2][3]int{{1, 0, 1}, {1, 1, 0}} || s.Accuracy() != 0.5 || s.Coverage() != 0.75 || len(s.Misses) != 2 {
		t.Errorf("score %+v, accuracy %v, coverage %v", s.Confusion, s.Accuracy(), s.Coverage())
	}
}

func TestLoadSGD(t *testing.T) {
	dir := dataset.DirOrSkip(t, "sgd")
	rs, err := LoadSGD(dir)
	if err != nil {
		t.Fatal(err)
	}
	var acc, rep int
	for _, r := range rs {
		if r.Reply == "" || r.Proposal == "" {
			t.Fatalf("empty text in %+v", r)
		}
		if r.Accepted {
			acc++
		}
		if r.Report {
			rep++
		}
	}
	if len(rs) < 1000 || acc == 0 || acc == len(rs) || rep < len(rs)*4/10 || rep > len(rs)*6/10 {
		t.Errorf("%d reactions, %d accepted, %d in the report half", len(rs), acc, rep)
	}
}
