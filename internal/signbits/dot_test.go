package signbits

import "testing"

// Dot agrees with the plain sum of products, for int8s and for bytes read
// as int8s, at every length around its four lanes.
func TestDot(t *testing.T) {
	t.Parallel()
	a, b := make([]int8, 70), make([]int8, 70)
	for i := range a {
		a[i], b[i] = int8(i*37), int8(i*91+5)
	}
	ab, bb := make([]byte, len(a)), make([]byte, len(b))
	for i := range a {
		ab[i], bb[i] = byte(a[i]), byte(b[i])
	}
	for n := range len(a) + 1 {
		var want int32
		for i := range n {
			want += int32(a[i]) * int32(b[i])
		}
		if got := Dot(a[:n], b[:n]); got != want {
			t.Errorf("int8s, length %d: %d, want %d", n, got, want)
		}
		if got := Dot(ab[:n], bb[:n]); got != want {
			t.Errorf("bytes, length %d: %d, want %d", n, got, want)
		}
	}
}
