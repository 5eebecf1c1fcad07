package conversation

import (
	"testing"
	"time"
)

// TestFeedCursor: the cursor holds at an id not seen yet (a write that took
// it may still commit) while later ids are applied, moves on when it
// arrives, and gives it up once it has been missing for the wait.
func TestFeedCursor(t *testing.T) {
	t.Parallel()
	const wait = 10 * time.Second
	t0 := time.Now()
	f := &feed{cursor: 4, seen: map[int64]bool{}, gaps: map[int64]time.Time{}}
	see := func(ids ...int64) {
		for _, id := range ids {
			f.seen[id] = true
			delete(f.gaps, id)
		}
	}
	see(5, 7, 8)
	f.advance(8, t0, wait)
	if f.cursor != 5 {
		t.Fatalf("cursor = %d, want 5 (held before the missing 6)", f.cursor)
	}
	f.advance(8, t0.Add(wait/2), wait)
	if f.cursor != 5 {
		t.Fatalf("cursor = %d, moved past 6 before the wait", f.cursor)
	}
	see(6) // the late commit arrives
	f.advance(8, t0.Add(wait/2), wait)
	if f.cursor != 8 || len(f.seen) != 0 || len(f.gaps) != 0 {
		t.Fatalf("cursor = %d seen %v gaps %v, want 8 and nothing held", f.cursor, f.seen, f.gaps)
	}
	see(10)
	f.advance(10, t0.Add(wait), wait) // 9 missing from now
	f.advance(10, t0.Add(wait+wait/2), wait)
	if f.cursor != 8 {
		t.Fatalf("cursor = %d, want 8 until 9 has been missing for the wait", f.cursor)
	}
	f.advance(10, t0.Add(2*wait), wait)
	if f.cursor != 10 || len(f.seen) != 0 || len(f.gaps) != 0 {
		t.Fatalf("cursor = %d seen %v gaps %v, want 10 with 9 given up", f.cursor, f.seen, f.gaps)
	}
}
