package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteReportKeepsNotes: regenerating the evaluation document replaces
// the measured part and keeps the notes written by hand.
func TestWriteReportKeepsNotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evaluation.md")
	if err := writeReport(path, "# Evaluation\nold figures\n"); err != nil {
		t.Fatal(err)
	}
	notes := notesHeading + "\nwhat moved the figures\n"
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(old, "\n"+notes...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(path, "# Evaluation\nnew figures\n"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "# Evaluation\nnew figures\n\n" + notes; string(got) != want {
		t.Errorf("document = %q, want %q", got, want)
	}
}
