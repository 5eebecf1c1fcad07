package dataset

import (
	"path/filepath"
	"testing"
)

func TestBanking77(t *testing.T) {
	dir, ok := Banking77Dir()
	if !ok {
		t.Skip("banking77 data not found: expected shared/data/banking77 beside the module root")
	}
	texts, intents, err := ReadBanking77(filepath.Join(dir, "train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) != 10003 || len(intents) != len(texts) || texts[0] == "text" {
		t.Fatalf("read %d texts, %d intents, first %q; want 10003 rows without the header", len(texts), len(intents), texts[0])
	}
	if _, _, err := ReadBanking77(filepath.Join(dir, "missing.csv")); err == nil {
		t.Fatal("a missing file gave no error")
	}
}

func TestPerturb(t *testing.T) {
	text := "my card payment was declined at the shop"
	if got := Perturb(text, 0, 7); got != text {
		t.Fatalf("copy 0 changed the text: %q", got)
	}
	a, b := Perturb(text, 3, 7), Perturb(text, 3, 7)
	if a != b {
		t.Fatalf("not deterministic: %q vs %q", a, b)
	}
	differ := 0
	for c := 1; c <= 20; c++ {
		if Perturb(text, c, 7) != text {
			differ++
		}
	}
	if differ < 15 {
		t.Fatalf("only %d of 20 copies differ from the original", differ)
	}
}
