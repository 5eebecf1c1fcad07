package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// BenchmarkMeetingCreate measures ingesting one transcript of 800
// utterances in its own write, as an import does, then processing it
// (the search index). An import of 1,000 such meetings costs 1,000 ops.
func BenchmarkMeetingCreate(b *testing.B) {
	ctx := context.Background()
	db, err := Open(Config{Path: filepath.Join(b.TempDir(), "bench.db")})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var tenantID, userID int64
	err = db.Write(ctx, func(tx store.Tx) error {
		tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "bench", CreatedAt: time.Now()})
		if err != nil {
			return err
		}
		u, err := tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "r@bench.test", CreatedAt: time.Now()})
		tenantID, userID = tn.ID, u.ID
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	items := make([]fathom.TranscriptItem, 800)
	for i := range items {
		items[i] = fathom.TranscriptItem{Speaker: fmt.Sprint("Speaker ", i%4), SpeakerEmail: fmt.Sprintf("s%d@bench.test", i%4),
			Text: fmt.Sprintf("Utterance %d: we should look at the renewal numbers again before the quarterly review.", i),
			At:   time.Duration(i) * 4 * time.Second}
	}
	sum := fathom.Summary{TemplateName: "general", Markdown: "## Summary\n- one\n- two [00:01](https://x.test/?t=1)\n"}
	b.Run("create", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			m := &fathom.Meeting{TenantID: tenantID, RecorderID: userID, ExternalKey: fmt.Sprint("c", i), Title: "t", ShareToken: "s",
				CreatedAt: time.Now(), RecordingStart: time.Now(), RecordingEnd: time.Now(), Transcript: items}
			if err := db.Write(ctx, func(tx store.Tx) error { return tx.MeetingCreate(ctx, m) }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("create+process", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			m := &fathom.Meeting{TenantID: tenantID, RecorderID: userID, ExternalKey: fmt.Sprint("p", i), Title: "t", ShareToken: "s",
				CreatedAt: time.Now(), RecordingStart: time.Now(), RecordingEnd: time.Now(), Transcript: items}
			if err := db.Write(ctx, func(tx store.Tx) error { return tx.MeetingCreate(ctx, m) }); err != nil {
				b.Fatal(err)
			}
			err := db.Write(ctx, func(tx store.Tx) error {
				return tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: tenantID, Language: "en",
					Summary: sum, Transcript: items, At: time.Now()})
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
