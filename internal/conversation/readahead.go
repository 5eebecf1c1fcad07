package conversation

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/quota"
)

// maxReaders bounds the goroutines that read a chunk's conversations
// ahead of its analysis. Reading is about a quarter of a short
// conversation's analysis (docs/benchmarks.md), so one reader keeps ahead
// of the in-order part; more help only long conversations, whose turns
// take longer to read.
const maxReaders = 3

// readAhead makes the Readings of a chunk's conversations
// (knowledge.ReadConversation: tokenising, features, clauses, attempts and
// outcomes, symptoms and causes — the part of an analysis that depends on
// the conversation's text alone), and counts their new tokens, on up to
// GOMAXPROCS-1 goroutines (at most maxReaders), while the analysing
// goroutine places the conversations in the tenant's knowledge one after
// the other, in the chunk's order. That goroutine takes each reading with
// take, in order: one not yet begun it makes itself, so it never waits for
// a reader that has not started it, and with one processor nothing runs
// beside it. The readings are the same whoever makes them, so the drafts
// are those of a reading in order.
type readAhead struct {
	chunk       []*fathom.Conversation
	messages    map[int64][]fathom.Message
	countTokens bool
	frozen      *issuetype.Frozen // the model's view its searches read
	items       []readItem
	next        atomic.Int64 // the next item a reader claims
	wg          sync.WaitGroup
	used        atomic.Int64 // the readers' processor time, ns
}

type readItem struct {
	claimed atomic.Bool
	done    chan struct{}
	reading *knowledge.Reading
	tokens  int64
}

// startReading starts reading the chunk ahead, each opening searched in
// the tenant's frozen issue-type index (nil for none); the caller takes
// every item in order (take) and then calls finish.
func startReading(chunk []*fathom.Conversation, messages map[int64][]fathom.Message, countTokens bool, frozen *issuetype.Frozen) *readAhead {
	r := &readAhead{chunk: chunk, messages: messages, countTokens: countTokens, frozen: frozen, items: make([]readItem, len(chunk))}
	for i := range r.items {
		r.items[i].done = make(chan struct{})
	}
	// The analysing goroutine takes the first item at once: readers
	// start at the second.
	r.next.Store(1)
	readers := min(runtime.GOMAXPROCS(0)-1, maxReaders, len(chunk)-1)
	for range readers {
		r.wg.Add(1)
		go r.reader()
	}
	return r
}

func (r *readAhead) reader() {
	defer r.wg.Done()
	r.used.Add(int64(threadWork(func() {
		for r.readNext() {
		}
	})))
}

// readNext claims the next item in the chunk and reads it, unless
// another goroutine claimed it first; it reports false once there is no
// item left to claim.
func (r *readAhead) readNext() bool {
	i := int(r.next.Add(1) - 1)
	if i >= len(r.items) {
		return false
	}
	if r.items[i].claimed.CompareAndSwap(false, true) {
		r.read(i)
	}
	return true
}

// read reports whether the item's reading is done, without waiting.
func (it *readItem) read() bool {
	select {
	case <-it.done:
		return true
	default:
		return false
	}
}

func (r *readAhead) read(i int) {
	it, c := &r.items[i], r.chunk[i]
	msgs := r.messages[c.ID]
	it.reading = knowledge.ReadConversation(c, msgs)
	it.reading.SearchAhead(r.frozen)
	if r.countTokens {
		for _, m := range msgs[min(c.AnalyzedCount, len(msgs)):] {
			it.tokens += quota.CountTokens(m.Content)
		}
	}
	close(it.done)
}

// take returns the reading of the chunk's i-th conversation and its new
// tokens (0 unless counted), reading it here if no reader has begun it.
// While a reader is still at it, the analysing goroutine reads the next
// conversations no reader has begun instead of waiting: on a busy machine
// the reader may have lost its core.
func (r *readAhead) take(i int) (*knowledge.Reading, int64) {
	it := &r.items[i]
	if it.claimed.CompareAndSwap(false, true) {
		r.read(i)
	}
	for !it.read() && r.readNext() {
	}
	<-it.done
	reading := it.reading
	it.reading = nil // used once, and not held past its analysis
	return reading, it.tokens
}

// finish waits for the readers to stop (every item taken, they have
// nothing left to claim) and returns the processor time they used.
func (r *readAhead) finish() time.Duration {
	r.wg.Wait()
	return time.Duration(r.used.Load())
}
