package webapp

import (
	"fmt"
	"testing"
)

func TestSnippetParts(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                   "[{plain false}]",
		"a «b» c":                 "[{a  false} {b true} { c false}]",
		"«x»«y»":                  "[{x true} {y true}]",
		"open «end":               "[{open  false} {end true}]",
		plainLine("- **«F»:** x"): "[{F true} {: x false}]",
	} {
		if got := fmt.Sprint(snippetParts(in)); got != want {
			t.Errorf("snippetParts(%q) = %s, want %s", in, got, want)
		}
	}
}
