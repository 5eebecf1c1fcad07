package conversation

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// BenchmarkFollowerReload measures what a model save costs each server
// sharing the database: loading the tenant's saved model, names and
// solutions again and recounting its analyses (ReloadModel), at
// FATHOM_BENCH_CONVERSATIONS (default 10,000) one-message conversations of
// BANKING77 text.
//
//	go test ./internal/conversation -run '^$' -bench FollowerReload -benchtime 5x
func BenchmarkFollowerReload(b *testing.B) {
	n := 10_000
	if v := os.Getenv("FATHOM_BENCH_CONVERSATIONS"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	f, err := os.Open("../../../shared/data/banking77/train.csv")
	if err != nil {
		b.Skip("BANKING77 not found:", err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	rows = rows[1:]
	ctx := context.Background()
	st := sqlitetest.Open(b, b.TempDir())
	var tn int64
	err = st.Write(ctx, func(tx store.Tx) error {
		t, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: time.Now()})
		if err == nil {
			tn = t.ID
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	a := newServer(b, st, "a")
	for i := range n {
		_, err := a.Track(ctx, tn, TrackParams{ConversationID: fmt.Sprintf("c-%d", i), Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: rows[(i*7919)%len(rows)][0]}}})
		if err != nil {
			b.Fatal(err)
		}
	}
	for {
		if err := a.AnalyzeTenant(ctx, tn); err != nil {
			b.Fatal(err)
		}
		if idle, err := a.AnalysisIdle(ctx); err != nil {
			b.Fatal(err)
		} else if idle {
			break
		}
	}
	f2 := newServer(b, st, "b")
	b.ResetTimer()
	for b.Loop() {
		if err := f2.know.ReloadModel(tn, savedKnowledge{ctx: ctx, st: st, tenantID: tn}); err != nil {
			b.Fatal(err)
		}
	}
}
