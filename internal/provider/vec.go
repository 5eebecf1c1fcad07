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
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if line == 1 && len(fields) == 2 {
			if _, err := strconv.Atoi(fields[0]); err == nil {
				if d, err := strconv.Atoi(fields[1]); err == nil && d > 0 {
					dim = d
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
		word := fold(fields[0])
		if _, dup := vocab[word]; dup {
			continue
		}
		for _, s := range fields[1:] {
			x, err := strconv.ParseFloat(s, 32)
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

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }
