package store

import (
	"fmt"
	"testing"
)

func TestSummaryLines(t *testing.T) {
	md := "## Meeting Purpose\n\n" +
		"- [**Pricing:** flat this year](https://h/share/x?tab=summary&timestamp=65.0)\n" +
		"- [see the deck](https://h/deck) and [the moment](https://h/calls/1?timestamp=7)\n" +
		"- [a bad one](https://h/calls/1?timestamp=soon)\n" +
		"   \n" +
		"- plain words\n"
	got := fmt.Sprint(SummaryLines(md))
	want := "[{## Meeting Purpose 0s} {- **Pricing:** flat this year 1m5s} {- see the deck and the moment 7s} {- a bad one 0s} {- plain words 0s}]"
	if got != want {
		t.Errorf("SummaryLines =\n%s\nwant\n%s", got, want)
	}
}
