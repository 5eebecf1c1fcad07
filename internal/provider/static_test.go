package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
)

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// Every format of the tiny model places a zero-overlap paraphrase nearer
// than a text on another topic.
func TestStaticFormats(t *testing.T) {
	t.Parallel()
	cases := map[string]func(dir string) string{
		"model2vec f32": func(dir string) string { return providertest.WriteModel2Vec(t, dir, false) },
		"model2vec f16": func(dir string) string { return providertest.WriteModel2Vec(t, dir, true) },
		"vec file":      func(dir string) string { return providertest.WriteVec(t, filepath.Join(dir, "tiny.vec")) },
		"vec in dir":    func(dir string) string { providertest.WriteVec(t, filepath.Join(dir, "tiny.vec")); return dir },
	}
	for name, write := range cases {
		t.Run(name, func(t *testing.T) {
			m, err := provider.LoadStatic(write(t.TempDir()))
			if err != nil {
				t.Fatal(err)
			}
			if !m.Local() || m.Dim() != providertest.Dim {
				t.Fatalf("Local %v Dim %d", m.Local(), m.Dim())
			}
			v, err := m.Embed(context.Background(), []string{
				"the internet connection drops all the time",
				"My WiFi keeps disconnecting every few minutes!",
				"my card payment was declined",
				"zzz qqq",
			})
			if err != nil {
				t.Fatal(err)
			}
			same, other := cosine(v[0], v[1]), cosine(v[0], v[2])
			if same < 0.9 || other > 0.3 {
				t.Errorf("cos(paraphrase) = %.3f, cos(other topic) = %.3f; want > 0.9 and < 0.3", same, other)
			}
			if n := cosine(v[1], v[1]); n < 0.999 || n > 1.001 {
				t.Errorf("|v|² = %.4f, want 1", n)
			}
			if cosine(v[3], v[3]) != 0 {
				t.Errorf("a text of unknown words embeds to %v, want zeros", v[3])
			}
		})
	}
}

// WordPiece splits a word it lacks into the subwords it holds, and drops a
// word it cannot split (BERT's [UNK]).
func TestStaticSubwords(t *testing.T) {
	t.Parallel()
	dir := providertest.WriteModel2Vec(t, t.TempDir(), false)
	m, err := provider.LoadStatic(dir)
	if err != nil {
		t.Fatal(err)
	}
	v, err := m.Embed(context.Background(), []string{"wifi", "wifi ##internet", "wifi wifix", "Wífí"})
	if err != nil {
		t.Fatal(err)
	}
	if c := cosine(v[0], v[2]); c < 0.999 {
		t.Errorf("an unknown word changed the vector: cos %.3f", c)
	}
	if c := cosine(v[0], v[3]); c < 0.999 {
		t.Errorf("accents and case are not folded: cos %.3f", c)
	}
}

func TestStaticErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := map[string]string{
		"short.vec":  "2 3\nwifi 1 2 3\ninternet 1 2\n",
		"nan.vec":    "wifi 1 x 3\n",
		"empty.vec":  "",
		"header.vec": "1 2\n",
	}
	for name, body := range bad {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := provider.LoadStatic(p); err == nil {
			t.Errorf("%s loads", name)
		}
	}
	if _, err := provider.LoadStatic(t.TempDir()); err == nil {
		t.Error("an empty directory loads")
	}
	m2v := providertest.WriteModel2Vec(t, t.TempDir(), false)
	if err := os.WriteFile(filepath.Join(m2v, "model.safetensors"), []byte("\x10\x00\x00\x00\x00\x00\x00\x00{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := provider.LoadStatic(m2v); err == nil {
		t.Error("a truncated safetensors file loads")
	}
}

// FuzzLoadVec: a .vec file of any content loads or fails, never panics,
// and what loads embeds to unit or zero vectors.
func FuzzLoadVec(f *testing.F) {
	f.Add("2 3\nwifi 1 0 0\ninternet 0.9 0.1 0\n")
	f.Add("wifi 1 2\n")
	f.Fuzz(func(t *testing.T, body string) {
		p := filepath.Join(t.TempDir(), "f.vec")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		m, err := provider.LoadStatic(p)
		if err != nil {
			return
		}
		v, err := m.Embed(context.Background(), []string{body})
		if err != nil {
			t.Fatal(err)
		}
		if n := cosine(v[0], v[0]); n != 0 && (n < 0.99 || n > 1.01) {
			t.Errorf("|v|² = %g", n)
		}
	})
}
