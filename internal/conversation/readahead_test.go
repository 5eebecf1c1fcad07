package conversation

import (
	"fmt"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/quota"
)

// TestReadAheadDraftsAsInOrder: a tenant's conversations analysed in
// chunks with their readings, and their neighbour searches in the index
// frozen for the chunk, made ahead by several readers give the same
// drafts, bit for bit, as the same conversations analysed one after the
// other on one goroutine in the same frozen chunks — new, then grown by a turn and resolved (so that
// known attempts are kept), with the same new tokens counted. Not
// parallel: it sets GOMAXPROCS so that readers run whatever the machine.
func TestReadAheadDraftsAsInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	const n, tenant = 130, 7
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	convs := make([]*fathom.Conversation, n)
	msgs := map[int64][]fathom.Message{}
	for i := range convs {
		tp := topics[i%len(topics)]
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: tenant, Version: 1, CreatedAt: now}
		m := []fathom.Message{
			{Seq: 0, Role: fathom.RoleUser, Content: fmt.Sprintf("%s (order %d)", tp.user, i), CreatedAt: now},
			{Seq: 1, Role: fathom.RoleAssistant, Content: tp.agent, CreatedAt: now},
		}
		if i%2 == 0 {
			m = append(m, fathom.Message{Seq: 2, Role: fathom.RoleUser, Content: tp.reply, CreatedAt: now})
		}
		c.MessageCount, convs[i], msgs[c.ID] = len(m), c, m
	}
	inOrder, ahead := knowledge.New(issuetype.Config{}), knowledge.New(issuetype.Config{})
	for pass := range 2 {
		if pass == 1 {
			// Every conversation grows by a turn and a third are
			// resolved, with notes.
			for i, c := range convs {
				c.AnalyzedCount, c.Version = c.MessageCount, c.Version+1
				m := append(msgs[c.ID], fathom.Message{Seq: c.MessageCount, Role: fathom.RoleAssistant, Content: "Please restart the app and try again.", CreatedAt: now})
				c.MessageCount, msgs[c.ID] = len(m), m
				if i%3 == 0 {
					resolved := now.Add(time.Hour)
					c.Status, c.ResolvedAt, c.ResolutionNotes = fathom.StatusResolved, &resolved, "Reset the password from the sign-in page."
				}
			}
		}
		for start := 0; start < n; start += analysisWriteChunk {
			chunk := convs[start:min(start+analysisWriteChunk, n)]
			want := make([]*knowledge.Draft, len(chunk))
			var wantTokens []int64
			frozen := inOrder.FreezePlacement(tenant)
			for i, c := range chunk {
				want[i] = inOrder.AnalyzeDense(c, msgs[c.ID], nil, now)
				var tokens int64
				for _, m := range msgs[c.ID][c.AnalyzedCount:] {
					tokens += quota.CountTokens(m.Content)
				}
				wantTokens = append(wantTokens, tokens)
			}
			frozen.Thaw()
			frozen = ahead.FreezePlacement(tenant)
			reads := startReading(chunk, msgs, true, frozen)
			got := make([]*knowledge.Draft, len(chunk))
			for i, c := range chunk {
				reading, tokens := reads.take(i)
				if tokens != wantTokens[i] {
					t.Fatalf("pass %d, conversation %d: %d new tokens read ahead, want %d", pass, c.ID, tokens, wantTokens[i])
				}
				got[i] = ahead.AnalyzeReading(c, msgs[c.ID], nil, now, reading)
			}
			if used := reads.finish(); used < 0 {
				t.Fatalf("readers used %v", used)
			}
			frozen.Thaw()
			for i := range chunk {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("pass %d, conversation %d: read ahead\n%+v\nin order\n%+v", pass, chunk[i].ID, got[i].Analysis, want[i].Analysis)
				}
			}
			inOrder.Apply(tenant, want)
			ahead.Apply(tenant, got)
		}
	}
}
