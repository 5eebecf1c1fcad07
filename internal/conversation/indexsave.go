package conversation

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// The search index is saved in chunks of indexChunkWidth conversation ids
// (store.SearchChunkTx), each document tagged with the stamp of the
// conversation it was made from (version and creation time). A start
// loads a saved document only if its conversation's stamp is unchanged,
// and reads and tokenises only the others: those written since the last
// save, or whose save a crash prevented. So a save may lag the writes by
// any amount without losing a conversation, and is made after each round
// of analysis (where the index changes) and at shutdown, of the chunks
// changed since the last.

// indexChunkWidth is how many conversation ids one saved chunk spans: a
// few hundred kilobytes of two-message conversations, so a save of the
// chunk under analysis stays cheap and a start reads a few hundred.
const indexChunkWidth = 4096

// indexSaveBatch is how many chunks one write transaction saves.
const indexSaveBatch = 8

// chunkKey names one saved chunk of a tenant's index.
type chunkKey struct{ tenantID, chunk int64 }

// indexSaver tracks the chunks changed since they were saved.
type indexSaver struct {
	mu     sync.Mutex
	dirty  map[chunkKey]bool
	saving sync.Mutex // one save at a time, so chunks are written in order
}

func (v *indexSaver) mark(tenantID, id int64) {
	v.mu.Lock()
	if v.dirty == nil {
		v.dirty = map[chunkKey]bool{}
	}
	v.dirty[chunkKey{tenantID, id / indexChunkWidth}] = true
	v.mu.Unlock()
}

func (v *indexSaver) take() []chunkKey {
	v.mu.Lock()
	defer v.mu.Unlock()
	keys := make([]chunkKey, 0, len(v.dirty))
	for k := range v.dirty {
		keys = append(keys, k)
	}
	clear(v.dirty)
	return keys
}

// saveChunks writes the chunks v has seen change since the last save, in
// chunk order, indexSaveBatch to a transaction: encode gives a chunk's
// bytes, put writes them in tx. The chunks of a batch it could not write,
// and those after it, are kept for the next save.
func (s *Service) saveChunks(ctx context.Context, v *indexSaver, encode func(chunkKey) []byte,
	put func(tx store.Tx, k chunkKey, data []byte, at time.Time) error) error {
	v.saving.Lock()
	defer v.saving.Unlock()
	keys := v.take()
	slices.SortFunc(keys, func(a, b chunkKey) int {
		if a.chunk != b.chunk {
			return int(a.chunk - b.chunk)
		}
		return int(a.tenantID - b.tenantID)
	})
	for lo := 0; lo < len(keys); lo += indexSaveBatch {
		batch := keys[lo:min(lo+indexSaveBatch, len(keys))]
		data := make([][]byte, len(batch))
		for i, k := range batch {
			data[i] = encode(k)
		}
		at := s.now()
		err := s.store.Write(ctx, func(tx store.Tx) error {
			for i, k := range batch {
				if err := put(tx, k, data[i], at); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			for _, k := range keys[lo:] {
				v.mark(k.tenantID, k.chunk*indexChunkWidth)
			}
			return err
		}
	}
	return nil
}

// stampTag folds a conversation's stamp into the index's 32-bit tag.
// Creation times count to the millisecond, which both engines keep.
func stampTag(version int64, created time.Time) uint32 {
	h := uint64(version)*0x9e3779b97f4a7c15 ^ uint64(created.UnixMilli())*0xc2b2ae3d27d4eb4f
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	return uint32(h ^ h>>32)
}

// indexUpsert indexes a conversation's text, tagged with its stamp, and
// marks its chunk for the next save. text must be of c's version or later.
// wrote says this server's own track or resolve wrote the text: whatever
// the database, this server embeds it; otherwise, on a shared database, a
// remote provider's vector of a new text is awaited from the server that
// wrote it (see vectorshare.go).
func (s *Service) indexUpsert(tenantID int64, c *fathom.Conversation, text string, wrote bool) {
	tag := stampTag(c.Version, c.CreatedAt)
	s.indexTerms(tenantID, c.ID, tag, search.Terms(text))
	s.embedIndexed(tenantID, c.ID, tag, text, wrote)
}

// indexHolds reports whether the index holds c's text at c's version
// already (indexed when it was tracked, or by another server's change).
func (s *Service) indexHolds(tenantID int64, c *fathom.Conversation) bool {
	tag, ok := s.index.For(tenantID).Tag(c.ID)
	return ok && tag == stampTag(c.Version, c.CreatedAt)
}

// indexTerms indexes a conversation's terms unless it was deleted (see
// gone), and marks its chunk for the next save.
func (s *Service) indexTerms(tenantID, id int64, tag uint32, terms []string) {
	if s.gone.unlessBuried(tenantID, id, func() { s.index.For(tenantID).UpsertTagged(id, tag, terms) }) {
		s.saved.mark(tenantID, id)
	}
}

// indexDelete removes a deleted conversation from the index, leaving a
// tombstone that keeps a later update of it out (see gone), and marks its
// chunk.
func (s *Service) indexDelete(tenantID, id int64) {
	s.gone.bury(tenantID, id, s.now(), func() { s.index.For(tenantID).Delete(id) })
	s.dropVector(tenantID, id)
	s.saved.mark(tenantID, id)
}

// SaveIndex writes the chunks of the search index changed since the last
// save, then those of the vectors. A chunk it could not write is kept for
// the next.
func (s *Service) SaveIndex(ctx context.Context) error {
	err := s.saveChunks(ctx, &s.saved, func(k chunkKey) []byte {
		return s.index.For(k.tenantID).AppendRange(nil, k.chunk*indexChunkWidth, (k.chunk+1)*indexChunkWidth)
	}, func(tx store.Tx, k chunkKey, data []byte, at time.Time) error {
		return tx.SearchChunkPut(ctx, &store.SearchChunkPutParams{TenantID: k.tenantID, Chunk: k.chunk, Data: data, At: at})
	})
	if err != nil {
		return fmt.Errorf("save search index: %w", err)
	}
	// The vectors changed with the index are saved with it (see vectors.go).
	return s.SaveVectors(ctx)
}

// RebuildIndex loads every conversation into the search index; the server
// calls it at start-up, since the index lives in memory. It reads the
// conversations' stamps in id order, loads the saved chunks' documents
// whose stamps match, and reads and tokenises the rest (on every core).
func (s *Service) RebuildIndex(ctx context.Context) (int, error) {
	type doc struct {
		tenantID, id int64
		tag          uint32
		text         string
	}
	docs := make(chan doc, 1024)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				s.indexTerms(d.tenantID, d.id, d.tag, search.Terms(d.text))
			}
		}()
	}
	fromText := func(c *fathom.Conversation, msgs []fathom.Message) {
		docs <- doc{c.TenantID, c.ID, stampTag(c.Version, c.CreatedAt), IndexText(c, msgs)}
	}
	n, err := s.loadIndex(ctx, fromText)
	close(docs)
	wg.Wait()
	s.index.Trim()
	if err != nil {
		return n, fmt.Errorf("rebuild index: %w", err)
	}
	return n, nil
}

// stamp is what a start keeps of a conversation's stamp while it loads
// the index: its id, tenant and the tag of its version and creation time.
type stamp struct {
	id, tenantID int64
	tag          uint32
}

// loadIndex reads every conversation's stamp first (24 bytes each: 24 MB
// at a million), tells each tenant's index how many documents it will hold
// (search.Index.Expect, so that its arrays are sized once), then loads a
// chunk at a time (see loadChunk). It returns how many conversations
// there are.
func (s *Service) loadIndex(ctx context.Context, fromText func(*fathom.Conversation, []fathom.Message)) (int, error) {
	stamps, perTenant, err := s.readStamps(ctx)
	if err != nil {
		return len(stamps), err
	}
	for tenantID, n := range perTenant {
		s.index.For(tenantID).Expect(n)
	}
	for lo := 0; lo < len(stamps); {
		hi := lo + 1
		for hi < len(stamps) && stamps[hi].id/indexChunkWidth == stamps[lo].id/indexChunkWidth {
			hi++
		}
		if err := s.loadChunk(ctx, stamps[lo:hi], fromText); err != nil {
			return len(stamps), err
		}
		lo = hi
	}
	return len(stamps), nil
}

// readStamps reads every conversation's stamp in id order, and counts
// each tenant's conversations. The stamps are read a page at a time, each
// page in its own slice, and copied once into one of the right size:
// growing one slice by append copied it over and over, a quarter of the
// stamps' scan.
func (s *Service) readStamps(ctx context.Context) ([]stamp, map[int64]int, error) {
	const page = 2 * indexChunkWidth
	var pages [][]stamp
	perTenant := map[int64]int{}
	var after int64
	for {
		got := make([]stamp, 0, page)
		err := s.store.ConversationStampScan(ctx, after, page, func(st store.ConversationStamp) error {
			got = append(got, stamp{st.ID, st.TenantID, stampTag(st.Version, st.CreatedAt)})
			perTenant[st.TenantID]++
			after = st.ID
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		if len(got) == 0 {
			break
		}
		pages = append(pages, got)
	}
	return slices.Concat(pages...), perTenant, nil
}

// loadChunk indexes the conversations of stamps, all in one chunk: the
// saved documents whose tag matches their conversation's stamp, and the
// others from their text through fromText.
func (s *Service) loadChunk(ctx context.Context, stamps []stamp, fromText func(*fathom.Conversation, []fathom.Message)) error {
	if len(stamps) == 0 {
		return nil
	}
	chunk := stamps[0].id / indexChunkWidth
	lo := chunk * indexChunkWidth
	at := make([]int32, indexChunkWidth) // id − lo → index in stamps + 1
	for i, st := range stamps {
		at[st.id-lo] = int32(i + 1)
	}
	loaded := make([]bool, len(stamps))
	err := s.store.SearchChunkScan(ctx, chunk, func(tenantID int64, data []byte) error {
		skipped, err := s.index.For(tenantID).LoadRange(data, lo, func(id int64, tag uint32) bool {
			if id < lo || id >= lo+indexChunkWidth || at[id-lo] == 0 {
				return false
			}
			i := at[id-lo] - 1
			st := stamps[i]
			if loaded[i] || st.tenantID != tenantID || st.tag != tag {
				return false
			}
			loaded[i] = true
			return true
		})
		if err != nil {
			// Indexed from the text below, like a chunk never saved.
			s.logger.Warn("search index: a saved chunk does not load; indexing its conversations again", "tenant", tenantID, "chunk", chunk, "err", err)
		}
		if err != nil || skipped > 0 {
			s.saved.mark(tenantID, lo) // save it again without what it should not hold
		}
		return nil
	})
	if err != nil {
		return err
	}
	first := slices.Index(loaded, false)
	if first < 0 {
		return nil
	}
	last := len(loaded) - 1
	for loaded[last] {
		last--
	}
	// The conversations read may have changed since their stamps were:
	// each is indexed with the stamp it is read with.
	from, to := stamps[first].id, stamps[last].id
	return s.store.ConversationScan(ctx, &store.ConversationScanParams{AfterID: from - 1, Limit: int(to - from + 1)},
		func(c *fathom.Conversation, msgs []fathom.Message) error {
			if c.ID > to {
				return nil
			}
			if i := at[c.ID-lo]; i != 0 && loaded[i-1] && stamps[i-1].tenantID == c.TenantID {
				return nil
			}
			fromText(c, msgs)
			return nil
		})
}
