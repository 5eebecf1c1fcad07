// Package providertest writes tiny embedding models to disk and runs a
// local OpenAI-compatible embeddings server, for tests of the real path:
// the server reads the model files the way a user's would be read, and
// the fake endpoint answers over real HTTP.
package providertest

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Topics are the tiny model's words, in groups whose vectors point the
// same way: a text about one group is near any other text about it,
// whatever words of the group each uses, and far from the other groups.
// Words outside every group are unknown to the model.
var Topics = [][]string{
	{"wifi", "internet", "connection", "disconnecting", "drops", "network", "router", "offline"},
	{"card", "payment", "declined", "refused", "charge", "bank", "billing"},
	{"password", "login", "locked", "reset", "account", "sign"},
	{"refund", "money", "back", "return", "reimburse"},
}

// Dim is the tiny model's dimension.
const Dim = 8

// Vocabulary returns the tiny model's words and their vectors: each
// group's words share one axis, with a small distinct offset per word so
// that no two vectors are equal.
func Vocabulary() (words []string, vecs [][]float32) {
	for g, group := range Topics {
		for i, w := range group {
			v := make([]float32, Dim)
			v[g] = 1
			v[4+i%4] = 0.15 + 0.05*float32(i/4)
			words = append(words, w)
			vecs = append(vecs, v)
		}
	}
	return words, vecs
}

// WriteModel2Vec writes the tiny model in the Model2Vec layout to dir
// (tokenizer.json with a WordPiece vocabulary, model.safetensors with one
// tensor, F16 when half is set, else F32) and returns dir.
func WriteModel2Vec(t testing.TB, dir string, half bool) string {
	t.Helper()
	words, vecs := Vocabulary()
	// Special tokens and a subword, as real vocabularies hold them.
	words = append([]string{"[PAD]", "[UNK]", "[CLS]", "[SEP]"}, words...)
	vecs = append([][]float32{make([]float32, Dim), make([]float32, Dim), make([]float32, Dim), make([]float32, Dim)}, vecs...)
	vocab := map[string]int{}
	for i, w := range words {
		vocab[w] = i
	}
	tok := map[string]any{
		"version":       "1.0",
		"normalizer":    map[string]any{"type": "BertNormalizer", "lowercase": true, "strip_accents": nil, "clean_text": true},
		"pre_tokenizer": map[string]any{"type": "BertPreTokenizer"},
		"model": map[string]any{"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
			"max_input_chars_per_word": 100, "vocab": vocab},
	}
	b, err := json.Marshal(tok)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "tokenizer.json"), b)
	dtype, size := "F32", 4
	if half {
		dtype, size = "F16", 2
	}
	data := make([]byte, 0, len(vecs)*Dim*size)
	for _, v := range vecs {
		for _, x := range v {
			if half {
				data = binary.LittleEndian.AppendUint16(data, toFloat16(x))
			} else {
				data = binary.LittleEndian.AppendUint32(data, math.Float32bits(x))
			}
		}
	}
	head, err := json.Marshal(map[string]any{
		"__metadata__": map[string]string{"format": "pt"},
		"embeddings":   map[string]any{"dtype": dtype, "shape": []int{len(vecs), Dim}, "data_offsets": []int{0, len(data)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	out := binary.LittleEndian.AppendUint64(nil, uint64(len(head)))
	out = append(append(out, head...), data...)
	write(t, filepath.Join(dir, "model.safetensors"), out)
	return dir
}

// WriteVec writes the tiny model as a fastText .vec file (with its
// "count dim" header) at path and returns path.
func WriteVec(t testing.TB, path string) string {
	t.Helper()
	words, vecs := Vocabulary()
	var b strings.Builder
	fmt.Fprintf(&b, "%d %d\n", len(words), Dim)
	for i, w := range words {
		b.WriteString(w)
		for _, x := range vecs[i] {
			fmt.Fprintf(&b, " %g", x)
		}
		b.WriteByte('\n')
	}
	write(t, path, []byte(b.String()))
	return path
}

func write(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// toFloat16 rounds a float32 of normal half range to half precision.
func toFloat16(f float32) uint16 {
	bits := math.Float32bits(f)
	sign := uint16(bits>>16) & 0x8000
	exp := int((bits>>23)&0xff) - 127 + 15
	frac := bits & 0x7fffff
	switch {
	case f == 0:
		return sign
	case exp <= 0:
		return sign // too small for this model's values: zero
	case exp >= 0x1f:
		return sign | 0x7c00
	}
	return sign | uint16(exp)<<10 | uint16((frac+0x1000)>>13)
}
