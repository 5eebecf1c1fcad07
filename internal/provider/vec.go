package provider

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"
)

// loadVec reads a word-vector text file: an optional header "count dim"
// (fastText), then one "word v1 v2 ..." line per word (GloVe, fastText).
// Words are looked up lowercased; of words that fold alike the first,
// usually the most frequent, is kept.
func loadVec(path string) (*Static, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("embeddings model: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	vocab := map[string]int32{}
	var matrix []float32
	dim, line := 0, 0
	var fields [][]byte // reused: a line's fields, no copy per line
	for sc.Scan() {
		line++
		fields = appendFields(fields[:0], sc.Bytes())
		if len(fields) == 0 {
			continue
		}
		if line == 1 && len(fields) == 2 {
			if _, err := strconv.Atoi(string(fields[0])); err == nil {
				if d, err := strconv.Atoi(string(fields[1])); err == nil && d > 0 {
					dim = d
					// The header's count sizes the matrix once: grown by
					// appending, a 100k-word model left garbage of its
					// own size behind (more resident memory at start).
					// A count cut short by head(1) is bounded by the
					// file's size: a line is at least 2×dim bytes.
					if n, _ := strconv.Atoi(string(fields[0])); n > 0 {
						if st, err := f.Stat(); err == nil {
							n = min(n, int(st.Size()/int64(2*dim)))
						}
						matrix = make([]float32, 0, n*dim)
					}
					continue
				}
			}
		}
		if dim == 0 {
			dim = len(fields) - 1
		}
		if len(fields) != dim+1 || dim == 0 {
			return nil, fmt.Errorf("embeddings model %s line %d: %d values, want %d", path, line, len(fields)-1, dim)
		}
		word := fold(string(fields[0]))
		if _, dup := vocab[word]; dup {
			continue
		}
		for _, s := range fields[1:] {
			x, err := strconv.ParseFloat(string(s), 32)
			if err != nil {
				return nil, fmt.Errorf("embeddings model %s line %d: %q is not a number", path, line, s)
			}
			matrix = append(matrix, float32(x))
		}
		vocab[word] = int32(len(vocab))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("embeddings model %s: %w", path, err)
	}
	if len(vocab) == 0 {
		return nil, fmt.Errorf("embeddings model %s: %w", path, errEmptyModel)
	}
	return &Static{name: staticName(path, dim), dim: dim, matrix: matrix,
		tokens: func(text string, out []int32) []int32 {
			for _, w := range strings.FieldsFunc(fold(text), notWordRune) {
				if id, ok := vocab[w]; ok {
					out = append(out, id)
				}
			}
			return out
		}}, nil
}

// appendFields appends to out the fields of line separated by ASCII
// white space (a .vec file's separators), sharing line's bytes.
func appendFields(out [][]byte, line []byte) [][]byte {
	start := -1
	for i, c := range line {
		space := c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
		switch {
		case space && start >= 0:
			out, start = append(out, line[start:i]), -1
		case !space && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, line[start:])
	}
	return out
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }
