package issuetype

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"
)

var sample = []string{
	"my card payment was declined", "card declined at the shop", "why was my card payment declined",
	"declined card payment again", "how do I top up my account", "top up failed", "my top up did not work",
	"top up with bank transfer", "I lost my card", "my card was stolen", "lost card what do I do",
	"someone stole my card",
}

func sampleModel(cfg Config) *Model {
	m := NewModel(cfg)
	for i, s := range sample {
		m.Assign(int64(i+1), s)
	}
	m.Consolidate()
	return m
}

func TestModelBasics(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, m *Model)
	}{
		{"empty predict", func(t *testing.T, _ *Model) {
			if id, c := NewModel(Config{}).Predict("card declined"); id != 0 || c != 0 {
				t.Errorf("Predict on empty model = %d, %v", id, c)
			}
		}},
		{"idempotent assign", func(t *testing.T, m *Model) {
			before, _ := m.TypeOf(1)
			a := m.Assign(1, sample[0])
			if a.TypeID != before || a.New || m.Len() != len(sample) {
				t.Errorf("re-assign = %+v, want type %d, len %d", a, before, m.Len())
			}
		}},
		{"similar texts share a type", func(t *testing.T, m *Model) {
			a, _ := m.TypeOf(1)
			b, _ := m.TypeOf(2)
			c, _ := m.TypeOf(5)
			if a != b || a == c {
				t.Errorf("types: declined %d, %d; top up %d", a, b, c)
			}
			if p, conf := m.Predict("card payment declined today"); p != a || conf <= 0 {
				t.Errorf("Predict = %d (%v), want %d", p, conf, a)
			}
		}},
		{"remove", func(t *testing.T, m *Model) {
			m.Remove(1)
			m.Remove(999)
			if _, ok := m.TypeOf(1); ok || m.Len() != len(sample)-1 {
				t.Errorf("after Remove: len %d", m.Len())
			}
			m.Consolidate()
			if _, ok := m.TypeOf(2); !ok {
				t.Error("doc 2 lost by Consolidate")
			}
		}},
		{"re-assign changed text", func(t *testing.T, m *Model) {
			m.Assign(1, "top up failed again")
			a, _ := m.TypeOf(1)
			b, _ := m.TypeOf(6)
			if a != b {
				t.Errorf("changed text type %d, want top-up type %d", a, b)
			}
		}},
		{"names unique", func(t *testing.T, m *Model) {
			seen := map[string]bool{}
			total := 0
			for _, ty := range m.Types() {
				if seen[ty.Name] || ty.Name == "" || ty.Description == "" {
					t.Errorf("bad or duplicate name %q", ty.Name)
				}
				seen[ty.Name] = true
				total += ty.Size
			}
			if total != m.Len() {
				t.Errorf("sizes sum to %d, want %d", total, m.Len())
			}
		}},
		{"terms of a few types as Types gives them", func(t *testing.T, m *Model) {
			types, order := m.Types(), m.BySize()
			if len(types) != len(order) {
				t.Fatalf("BySize lists %d types, Types %d", len(order), len(types))
			}
			var some []int64
			for i, ty := range types {
				if order[i].ID != ty.ID || order[i].Size != ty.Size {
					t.Errorf("place %d: BySize %+v, Types %d of %d", i, order[i], ty.ID, ty.Size)
				}
				if i%2 == 1 {
					some = append(some, ty.ID)
				}
			}
			terms := m.TermsOf(some)
			for _, ty := range types {
				got, asked := terms[ty.ID]
				if asked != slices.Contains(some, ty.ID) {
					t.Errorf("type %d: in TermsOf %v, asked %v", ty.ID, asked, !asked)
				}
				if asked && fmt.Sprint(got) != fmt.Sprint(ty.Terms) {
					t.Errorf("type %d: TermsOf %v, Types %v", ty.ID, got, ty.Terms)
				}
			}
		}},
		{"marshal round trip", func(t *testing.T, m *Model) {
			data, err := m.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			m2 := NewModel(Config{})
			if err := m2.UnmarshalBinary(data); err != nil {
				t.Fatal(err)
			}
			for i := range sample {
				a, _ := m.TypeOf(int64(i + 1))
				b, _ := m2.TypeOf(int64(i + 1))
				if a != b {
					t.Errorf("doc %d: type %d, after reload %d", i+1, a, b)
				}
			}
			if fmt.Sprint(m.Types()) != fmt.Sprint(m2.Types()) {
				t.Errorf("types differ after reload")
			}
			again, _ := m2.MarshalBinary()
			if !bytes.Equal(data, again) {
				t.Error("re-marshal differs")
			}
			if err := m2.UnmarshalBinary(data[:len(data)/2]); err == nil {
				t.Error("truncated data accepted")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, sampleModel(Config{Resolution: 1})) })
	}
}

func TestConcurrent(t *testing.T) {
	m := NewModel(Config{AutoConsolidateMin: 5})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range sample {
				id := int64(g*100 + i)
				m.Assign(id, s)
				m.Predict(s)
				m.TypeOf(id)
				m.CompareVec(NewVec(s), []int64{id, 1})
				if i%3 == 0 {
					m.Remove(id)
				}
			}
			m.Types()
		}()
	}
	wg.Wait()
}

func TestSnake(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"card", "card"}, {"top-up", "top_up"}, {"Déjà", "d_j"}, {"'", ""},
	} {
		if got := snake(tt.in); got != tt.want {
			t.Errorf("snake(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
