package fathom

import (
	"errors"
	"strings"
	"unicode"
)

// SearchTerm is one thing a meeting search requires: a word, or a phrase
// whose words must come in this order, next to each other. A word with
// punctuation inside ("twenty-five") is a phrase of its parts to the
// engines, which split text where they index it.
type SearchTerm struct {
	Text   string // the word, or the phrase's words separated by spaces
	Prefix bool   // the last word is a prefix ("renew*")
}

// MaxSearchTerms bounds the terms of one search: each is an index lookup.
const MaxSearchTerms = 32

// Errors of ParseSearchQuery.
var (
	ErrSearchQuote = errors.New("has an unclosed quote")
	ErrSearchEmpty = errors.New("has no words to search for")
	ErrSearchLong  = errors.New("has more than 32 words or phrases")
)

// ParseSearchQuery reads a search as people type it: words separated by
// spaces, every one of which must match; "words in quotes", a phrase that
// must match in order; a trailing * after a word or phrase, a prefix
// search of its last word. Nothing else is an operator: AND, OR, NEAR,
// parentheses and column names are words like any other. Words and
// phrases without a letter or digit are dropped.
//
// On an unclosed quote it returns ErrSearchQuote with the terms read as if
// the quote closed at the end, for readers that would rather be lenient.
func ParseSearchQuery(query string) ([]SearchTerm, error) {
	var terms []SearchTerm
	add := func(text string) {
		prefix := strings.HasSuffix(text, "*")
		text = strings.Join(strings.Fields(strings.TrimRight(text, "*")), " ")
		if strings.ContainsFunc(text, isWordRune) {
			terms = append(terms, SearchTerm{Text: text, Prefix: prefix})
		}
	}
	var err error
	rest := query
	for rest != "" {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		switch {
		case rest == "":
		case rest[0] == '"':
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				add(rest[1:])
				rest, err = "", ErrSearchQuote
				break
			}
			phrase := rest[1 : 1+end]
			rest = rest[end+2:]
			if strings.HasPrefix(rest, "*") {
				phrase += "*"
				rest = strings.TrimLeft(rest, "*")
			}
			add(phrase)
		default:
			end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
			if end < 0 {
				end = len(rest)
			}
			add(rest[:end])
			rest = rest[end:]
		}
	}
	if err != nil {
		return terms, err
	}
	if len(terms) == 0 {
		return nil, ErrSearchEmpty
	}
	if len(terms) > MaxSearchTerms {
		return terms, ErrSearchLong
	}
	return terms, nil
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
