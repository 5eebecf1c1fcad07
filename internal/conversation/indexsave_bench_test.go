package conversation

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// BenchmarkRebuildIndex measures the search index's part of a start at
// FATHOM_BENCH_CONVERSATIONS (default 20,000) two-message conversations of
// BANKING77 text in a SQLite file: "text" reads and tokenises every
// conversation (a database never saved, or saved by older code), "saved"
// loads the saved chunks and checks the stamps. CPU-s/op is the processor
// time of the whole process per start, the figure a loaded machine does
// not distort.
//
//	go test ./internal/conversation -run '^$' -bench RebuildIndex -benchtime 3x
func BenchmarkRebuildIndex(b *testing.B) {
	n, texts := benchTexts(b, 20_000)
	ctx := context.Background()
	st := sqlitetest.Open(b, b.TempDir())
	tn := newTenant(b, st)
	now := time.Now()
	for lo := 0; lo < n; lo += 500 {
		err := st.Write(ctx, func(tx store.Tx) error {
			for i := lo; i < min(lo+500, n); i++ {
				c, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn, ExternalID: fmt.Sprint("c-", i), CreatedAt: now})
				if err != nil {
					return err
				}
				err = tx.MessageInsertMany(ctx, c.ID, []fathom.Message{
					{Seq: 0, Role: fathom.RoleUser, Content: texts[(i*7919)%len(texts)], CreatedAt: now},
					{Seq: 1, Role: fathom.RoleAssistant, Content: "Let me look into that for you.", CreatedAt: now}})
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	start := func(b *testing.B) *Service {
		s := bareServer(st, Config{})
		got, err := s.RebuildIndex(ctx)
		if err != nil || got != n {
			b.Fatalf("rebuilt %d of %d: %v", got, n, err)
		}
		return s
	}
	var last *Service
	b.Run("text", func(b *testing.B) {
		cpu := cputime.Process()
		for b.Loop() {
			last = start(b)
		}
		b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "CPU-s/op")
	})
	if err := last.SaveIndex(ctx); err != nil {
		b.Fatal(err)
	}
	b.Run("saved", func(b *testing.B) {
		cpu := cputime.Process()
		for b.Loop() {
			start(b)
		}
		b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "CPU-s/op")
	})
}
