package signbits

import (
	"slices"
	"testing"
)

func TestWant(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ n, k, want int }{
		{100, 10, 0},
		{ExactScan, 10, 0},
		{ExactScan + 1, 10, Min},
		{ExactScan + 1, 100, Min},
		{100_000, 1000, 8000},
		{8000, 1000, 0},
		{8001, 1000, 0}, // more than the want of 8,000, not past ExactScan
	} {
		if got := Want(c.n, c.k); got != c.want {
			t.Errorf("Want(%d, %d) = %d, want %d", c.n, c.k, got, c.want)
		}
	}
}

func TestSet(t *testing.T) {
	t.Parallel()
	v := make([]int8, 70)
	v[0], v[1], v[63], v[64], v[69] = 1, -1, 127, 0, 5
	out := []uint64{^uint64(0), ^uint64(0)}
	Set(out, v)
	if out[0] != 1|1<<63 || out[1] != 1<<5 {
		t.Errorf("signs of int8s: %x %x", out[0], out[1])
	}
	b := make([]byte, 70) // bytes read as int8: 0x80 and above are negative
	b[2], b[3], b[66] = 0x7f, 0x80, 0x01
	Set(out, b)
	if out[0] != 1<<2 || out[1] != 1<<2 {
		t.Errorf("signs of bytes: %x %x", out[0], out[1])
	}
}

// Nearest keeps the want rows of smallest distance, ties at the cut in
// index order, never a row not offered, and all offered when fewer.
func TestPreselectorNearest(t *testing.T) {
	t.Parallel()
	q := []uint64{0}
	rows := [][]uint64{{0b111}, {0}, {0b1}, {0b11}, {0b1}, {0}, {0b1}}
	var p Preselector
	for _, c := range []struct {
		want int
		skip []int
		out  []int
	}{
		{2, nil, []int{1, 5}},
		{3, nil, []int{1, 2, 5}}, // distance 1: the first of 2, 4, 6
		{4, nil, []int{1, 2, 4, 5}},
		{3, []int{5}, []int{1, 2, 4}},
		{10, []int{0, 3}, []int{1, 2, 4, 5, 6}},
	} {
		p.Begin(q, len(rows), 64)
		for i, r := range rows {
			if !slices.Contains(c.skip, i) {
				p.Offer(i, r)
			}
		}
		if got := p.Nearest(c.want); !slices.Equal(got, c.out) {
			t.Errorf("want %d skipping %v: %v, want %v", c.want, c.skip, got, c.out)
		}
	}
}
