package fathom

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseSearchQuery(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []SearchTerm
		err  error
	}{
		{"renewal pricing", []SearchTerm{{Text: "renewal"}, {Text: "pricing"}}, nil},
		{`"renewal pricing"`, []SearchTerm{{Text: "renewal pricing"}}, nil},
		{`  "renewal   pricing"  budget `, []SearchTerm{{Text: "renewal pricing"}, {Text: "budget"}}, nil},
		{`"renewal pric"* renew*`, []SearchTerm{{Text: "renewal pric", Prefix: true}, {Text: "renew", Prefix: true}}, nil},
		{`"renewal pric*"`, []SearchTerm{{Text: "renewal pric", Prefix: true}}, nil},
		{`budget"renewal pricing"`, []SearchTerm{{Text: "budget"}, {Text: "renewal pricing"}}, nil},
		{`NEAR(budget OR AND`, []SearchTerm{{Text: "NEAR(budget"}, {Text: "OR"}, {Text: "AND"}}, nil},
		{`"renewal pricing`, []SearchTerm{{Text: "renewal pricing"}}, ErrSearchQuote},
		{`- "" ( ) ***`, nil, ErrSearchEmpty},
		{"", nil, ErrSearchEmpty},
		{strings.Repeat("w ", MaxSearchTerms), nil, nil},
		{strings.Repeat("w ", MaxSearchTerms+1), nil, ErrSearchLong},
	} {
		got, err := ParseSearchQuery(c.in)
		if !errors.Is(err, c.err) {
			t.Errorf("ParseSearchQuery(%q) err = %v, want %v", c.in, err, c.err)
		}
		if c.want != nil && !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseSearchQuery(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

// FuzzParseSearchQuery: whatever is typed, every term has a word and no
// quote, and a query without an error has between 1 and MaxSearchTerms.
func FuzzParseSearchQuery(f *testing.F) {
	for _, s := range []string{`"renewal pricing" budget*`, `"a`, `***`, `x"y"z`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms, err := ParseSearchQuery(q)
		for _, term := range terms {
			if !strings.ContainsFunc(term.Text, isWordRune) || strings.Contains(term.Text, `"`) {
				t.Fatalf("ParseSearchQuery(%q) term %+v", q, term)
			}
		}
		if err == nil && (len(terms) == 0 || len(terms) > MaxSearchTerms) {
			t.Fatalf("ParseSearchQuery(%q) = %d terms and no error", q, len(terms))
		}
	})
}
