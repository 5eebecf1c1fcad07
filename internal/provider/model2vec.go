package provider

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// loadModel2Vec reads a Model2Vec model: a WordPiece (or WordLevel)
// vocabulary in tokenizer.json and, in model.safetensors, one 2-D tensor
// (vocabulary × dimension, F32 or F16) of the tokens' vectors.
func loadModel2Vec(dir, tokPath, tensorPath string) (*Static, error) {
	wp, err := loadWordPiece(tokPath)
	if err != nil {
		return nil, fmt.Errorf("embeddings model %s: %w", tokPath, err)
	}
	matrix, rows, dim, err := loadSafetensors(tensorPath)
	if err != nil {
		return nil, fmt.Errorf("embeddings model %s: %w", tensorPath, err)
	}
	if wp.maxID >= rows {
		return nil, fmt.Errorf("embeddings model %s: the vocabulary has id %d, the tensor %d rows", dir, wp.maxID, rows)
	}
	return &Static{name: staticName(dir, dim), dim: dim, matrix: matrix, tokens: wp.tokens}, nil
}

// wordPiece is the part of a Hugging Face tokenizer a static model needs:
// BERT's normalisation and pre-tokenisation, then greedy longest-match
// subwords. Unknown words are left out, as Model2Vec leaves [UNK] out of
// its mean; special tokens are never added.
type wordPiece struct {
	vocab     map[string]int32
	prefix    string // continuing_subword_prefix, "##"
	maxChars  int
	lowercase bool
	subwords  bool // false for WordLevel: whole words only
	maxID     int
}

type tokenizerFile struct {
	Normalizer *struct {
		Type      string `json:"type"`
		Lowercase *bool  `json:"lowercase"`
	} `json:"normalizer"`
	Model struct {
		Type                    string           `json:"type"`
		Vocab                   map[string]int32 `json:"vocab"`
		ContinuingSubwordPrefix *string          `json:"continuing_subword_prefix"`
		MaxInputCharsPerWord    int              `json:"max_input_chars_per_word"`
	} `json:"model"`
}

func loadWordPiece(path string) (*wordPiece, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f tokenizerFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("does not parse: %w", err)
	}
	wp := &wordPiece{vocab: f.Model.Vocab, prefix: "##", maxChars: 100, lowercase: true}
	switch f.Model.Type {
	case "WordPiece", "":
		wp.subwords = true
	case "WordLevel":
	default:
		return nil, fmt.Errorf("tokenizer model %q is not supported (WordPiece and WordLevel are)", f.Model.Type)
	}
	if len(wp.vocab) == 0 {
		return nil, fmt.Errorf("the tokenizer's vocabulary is empty")
	}
	if p := f.Model.ContinuingSubwordPrefix; p != nil {
		wp.prefix = *p
	}
	if n := f.Model.MaxInputCharsPerWord; n > 0 {
		wp.maxChars = n
	}
	if n := f.Normalizer; n != nil && n.Lowercase != nil {
		wp.lowercase = *n.Lowercase
	}
	for _, id := range wp.vocab {
		if id < 0 {
			return nil, fmt.Errorf("negative token id %d", id)
		}
		wp.maxID = max(wp.maxID, int(id))
	}
	return wp, nil
}

// tokens appends the ids of text's tokens to out.
func (wp *wordPiece) tokens(text string, out []int32) []int32 {
	if wp.lowercase {
		text = stripAccents(fold(text))
	}
	for _, word := range preTokenize(text) {
		out = wp.word(word, out)
	}
	return out
}

// word appends word's subwords, or nothing when part of it is unknown
// (BERT's [UNK] for the whole word).
func (wp *wordPiece) word(word string, out []int32) []int32 {
	if id, ok := wp.vocab[word]; ok {
		return append(out, id)
	}
	if !wp.subwords || len([]rune(word)) > wp.maxChars {
		return out
	}
	mark := len(out)
	for start := 0; start < len(word); {
		end, id := len(word), int32(-1)
		for ; end > start; end-- {
			piece := word[start:end]
			if start > 0 {
				piece = wp.prefix + piece
			}
			if v, ok := wp.vocab[piece]; ok {
				id = v
				break
			}
		}
		if id < 0 {
			return out[:mark]
		}
		out = append(out, id)
		start = end
	}
	return out
}

// stripAccents removes combining marks after canonical decomposition, as
// BERT's normaliser does.
func stripAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// preTokenize splits on white space and makes every punctuation character
// a word of its own (BERT's pre-tokeniser).
func preTokenize(s string) []string {
	var words []string
	start := -1
	for i, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			if start >= 0 {
				words = append(words, s[start:i])
				start = -1
			}
		case isPunct(r):
			if start >= 0 {
				words = append(words, s[start:i])
				start = -1
			}
			words = append(words, string(r))
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// isPunct is BERT's punctuation: every ASCII non-alphanumeric printable,
// and Unicode's P categories.
func isPunct(r rune) bool {
	if (r >= 33 && r <= 47) || (r >= 58 && r <= 64) || (r >= 91 && r <= 96) || (r >= 123 && r <= 126) {
		return true
	}
	return unicode.IsPunct(r)
}

type tensorInfo struct {
	Dtype       string   `json:"dtype"`
	Shape       []int    `json:"shape"`
	DataOffsets [2]int64 `json:"data_offsets"`
}

// loadSafetensors reads the one 2-D tensor of a safetensors file (F32 or
// F16) as float32 rows.
func loadSafetensors(path string) (matrix []float32, rows, dim int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, 0, err
	}
	var n uint64
	if err := binary.Read(f, binary.LittleEndian, &n); err != nil {
		return nil, 0, 0, fmt.Errorf("no safetensors header: %w", err)
	}
	if n == 0 || n > 100<<20 || int64(n)+8 > st.Size() {
		return nil, 0, 0, fmt.Errorf("safetensors header of %d bytes in a file of %d", n, st.Size())
	}
	head := make([]byte, n)
	if _, err := io.ReadFull(f, head); err != nil {
		return nil, 0, 0, err
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(head, &entries); err != nil {
		return nil, 0, 0, fmt.Errorf("safetensors header does not parse: %w", err)
	}
	var t *tensorInfo
	for name, raw := range entries {
		if name == "__metadata__" {
			continue
		}
		var ti tensorInfo
		if err := json.Unmarshal(raw, &ti); err != nil {
			return nil, 0, 0, fmt.Errorf("safetensors tensor %q: %w", name, err)
		}
		if len(ti.Shape) != 2 {
			continue
		}
		if t != nil {
			return nil, 0, 0, fmt.Errorf("more than one 2-D tensor")
		}
		t = &ti
	}
	if t == nil {
		return nil, 0, 0, fmt.Errorf("no 2-D tensor")
	}
	rows, dim = t.Shape[0], t.Shape[1]
	size := map[string]int64{"F32": 4, "F16": 2}[t.Dtype]
	if size == 0 {
		return nil, 0, 0, fmt.Errorf("tensor dtype %s is not supported (F32 and F16 are)", t.Dtype)
	}
	lo, hi := t.DataOffsets[0], t.DataOffsets[1]
	if rows <= 0 || dim <= 0 || lo < 0 || hi-lo != int64(rows)*int64(dim)*size || 8+int64(n)+hi > st.Size() {
		return nil, 0, 0, fmt.Errorf("tensor of shape %v and offsets %v does not fit the file", t.Shape, t.DataOffsets)
	}
	data := make([]byte, hi-lo)
	if _, err := f.ReadAt(data, 8+int64(n)+lo); err != nil {
		return nil, 0, 0, err
	}
	matrix = make([]float32, rows*dim)
	for i := range matrix {
		if size == 4 {
			matrix[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
		} else {
			matrix[i] = float16(binary.LittleEndian.Uint16(data[2*i:]))
		}
	}
	return matrix, rows, dim, nil
}

// float16 converts an IEEE 754 half-precision value.
func float16(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	frac := uint32(h) & 0x3ff
	switch {
	case exp == 0 && frac == 0:
		return math.Float32frombits(sign)
	case exp == 0: // subnormal
		f := float32(frac) / 1024 / 16384
		if sign != 0 {
			return -f
		}
		return f
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | frac<<13)
	}
	return math.Float32frombits(sign | (exp+112)<<23 | frac<<13)
}
