// Package textproc turns free text into the normalised words and index terms
// that search and knowledge extraction share, so that a query and the text it
// should find are always cut and folded the same way.
//
// A word is a UAX#29 word containing a letter or digit, lower-cased, with
// typographic apostrophes folded to ASCII and run-on sentences ("declined.Please")
// split. A term is a word with English stopwords removed, contractions
// expanded ("can't" → "not") and Snowball English stemming applied. Index
// terms (AppendIndexTerms) add the stopwords back as marked function-word
// terms, for a search index to weigh apart.
//
// The package is pure apart from a bounded, process-wide memo of word
// analyses. It must not do I/O, know about tenants, storage or scoring, or
// change its output for a given input without a reindex being planned: terms
// are persisted in search indexes built from stored text, and any change to
// them makes old indexes disagree with new queries until rebuilt.
package textproc
