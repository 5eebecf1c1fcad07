package eval

// A reader brings a domain of their own to the recommendation simulation:
// a file of labelled openings, one customer's first message and its intent
// a row, in either of the two shapes the built-in domains come in: CSV
// with a header naming a text column and an intent column (BANKING77's
// "text,category"), or JSON Lines with a text field and an intent field
// (DSTC11's "utterance" and "intent"). The openings are split as the DSTC11
// domains are (SplitEveryFourth: every fourth opening of an intent, in file
// order, is a test query), and the simulation draws each intent's fixes
// from its banking-flavoured actions, as it does for insurance and finance.

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Column and field names a domain file may use, in order of preference.
var (
	domainTextNames   = []string{"text", "utterance"}
	domainIntentNames = []string{"intent", "category", "label"}
)

// minDomainIntents is how many intents with a test query a domain needs:
// with one, every query's best fix is the only intent's, and nothing is
// measured.
const minDomainIntents = 2

// LoadDomainFile reads a domain of labelled openings from path (.csv, or
// .jsonl/.json for JSON Lines) and splits it with SplitEveryFourth. The
// domain is named after the file, without its extension. An error names
// the file, the line and the field at fault.
func LoadDomainFile(path string) (Domain, error) {
	name, all, err := ReadDomainFile(path)
	if err != nil {
		return Domain{}, err
	}
	train, test := SplitEveryFourth(all)
	if n := len(Intents(test)); n < minDomainIntents {
		return Domain{}, fmt.Errorf("%s: %d intents have 4 openings or more, %d needed: every fourth opening of an intent is a test query and the other three are learned from", path, n, minDomainIntents)
	}
	return Domain{Name: name, Train: train, Test: test}, nil
}

// ReadDomainFile reads every labelled opening of a domain file, in file
// order, and the domain's name (the file's, without its extension); it
// needs openings of at least minDomainIntents intents.
func ReadDomainFile(path string) (name string, all []Example, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		all, err = readDomainCSV(f)
	case ".jsonl", ".json":
		all, err = readDomainJSONL(f)
	default:
		return "", nil, fmt.Errorf("%s: a domain file is .csv (a header with text and intent columns) or .jsonl (one object a line with text and intent), not %q", path, ext)
	}
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	if n := len(Intents(all)); n < minDomainIntents {
		return "", nil, fmt.Errorf("%s: openings of %d intents, %d needed", path, n, minDomainIntents)
	}
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), all, nil
}

// readDomainCSV reads rows under a header naming the text and intent
// columns; a row with either empty is an error.
func readDomainCSV(r io.Reader) ([]Example, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("empty: a header with text and intent columns is needed")
	}
	if err != nil {
		return nil, err
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	text, intent := column(header, domainTextNames), column(header, domainIntentNames)
	if text < 0 {
		return nil, fmt.Errorf("line 1: the header %q names no text column (%s)", strings.Join(header, ","), strings.Join(domainTextNames, " or "))
	}
	if intent < 0 {
		return nil, fmt.Errorf("line 1: the header %q names no intent column (%s)", strings.Join(header, ","), strings.Join(domainIntentNames, " or "))
	}
	var out []Example
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		ex, err := example(row, text, intent, header)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, ex)
	}
}

// column is the index of the first of names in header, or -1.
func column(header, names []string) int {
	for _, n := range names {
		if i := slices.Index(header, n); i >= 0 {
			return i
		}
	}
	return -1
}

// example is a CSV row's opening.
func example(row []string, text, intent int, header []string) (Example, error) {
	field := func(i int) (string, error) {
		if i >= len(row) || strings.TrimSpace(row[i]) == "" {
			return "", fmt.Errorf("%s: empty", header[i])
		}
		return strings.TrimSpace(row[i]), nil
	}
	t, err := field(text)
	if err != nil {
		return Example{}, err
	}
	in, err := field(intent)
	return Example{Text: t, Intent: in}, err
}

// readDomainJSONL reads one object a line; blank lines are skipped.
func readDomainJSONL(r io.Reader) ([]Example, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []Example
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var row map[string]any
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		text, err := stringField(row, domainTextNames)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		intent, err := stringField(row, domainIntentNames)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, Example{Text: text, Intent: intent})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("empty: one object a line with text and intent fields is needed")
	}
	return out, nil
}

// stringField is the first of names present in row, which must be a
// non-empty string.
func stringField(row map[string]any, names []string) (string, error) {
	for _, n := range names {
		v, ok := row[n]
		if !ok {
			continue
		}
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return "", fmt.Errorf("%s: want a non-empty string", n)
		}
		return strings.TrimSpace(s), nil
	}
	return "", fmt.Errorf("%s: missing (or %s)", names[0], strings.Join(names[1:], ", "))
}
