package outcome_test

import (
	"hash/fnv"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
)

// TestLearnCrossValidated learns weights on one fold of the SGD develop
// half and measures the classifier on the other fold, so that thresholds
// can be chosen on replies the weights never saw without touching the
// report half. The folds split dialogues by another bit of the hash that
// splits the halves.
func TestLearnCrossValidated(t *testing.T) {
	dir := dataset.DirOrSkip(t, "sgd")
	rs, err := eval.LoadSGD(dir)
	if err != nil {
		t.Fatal(err)
	}
	fold := func(id string) bool {
		h := fnv.New32a()
		h.Write([]byte(id))
		return (h.Sum32()>>16)%2 == 0 // bit 16: bit 0 decides the halves
	}
	var train []outcome.Example
	var test []eval.SGDReaction
	for _, r := range rs {
		switch {
		case r.Report:
		case fold(r.DialogueID):
			train = append(train, outcome.Example{Reply: r.Reply, Accepted: r.Accepted, Groups: r.Services})
		default:
			test = append(test, r)
		}
	}
	w := outcome.Learn(train, outcome.LearnOptions{})
	s := eval.ScoreSGD(test, func(reply string) (fathom.Outcome, float64) { return outcome.ClassifyWith(reply, w) })
	t.Logf("develop, other fold: %d replies, accuracy %.3f, coverage %.3f, confusion %v",
		s.N(), s.Accuracy(), s.Coverage(), s.Confusion)
	cues := eval.ScoreSGD(test, func(reply string) (fathom.Outcome, float64) { return outcome.ClassifyWith(reply, nil) })
	t.Logf("hand-written cues alone: accuracy %.3f, coverage %.3f", cues.Accuracy(), cues.Coverage())
	if s.Accuracy() < 0.85 || s.Accuracy() <= cues.Accuracy() {
		t.Errorf("accuracy %.3f: want at least 0.85 and above the cues alone (%.3f)", s.Accuracy(), cues.Accuracy())
	}
}
