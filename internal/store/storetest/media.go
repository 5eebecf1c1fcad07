package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// testMedia: a recording's media row, replaced in place, scoped to its
// tenant, with unique paths; downloads by id within their tenant.
func testMedia(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	if _, err := st.MediaGet(ctx, f.tenant.ID, f.m1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MediaGet of a recording without media err = %v, want ErrNotFound", err)
	}
	m := &fathom.Media{TenantID: f.tenant.ID, RecordingID: f.m1.ID, Kind: fathom.MediaAudio, ContentType: "audio/mpeg",
		Size: 1234, SHA256: "ab12", Path: "1/one.mp3", CreatedAt: now}
	write(t, st, func(tx store.Tx) error { return tx.MediaPut(ctx, m) })
	got := must(st.MediaGet(ctx, f.tenant.ID, f.m1.ID))
	if got.CreatedAt.Location() != time.UTC || !reflect.DeepEqual(got, m) {
		t.Fatalf("MediaGet = %+v, want %+v", got, m)
	}
	if _, err := st.MediaGet(ctx, f.otherTenant.ID, f.m1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MediaGet from another tenant err = %v, want ErrNotFound", err)
	}
	// Replacing keeps one row per recording.
	m2 := &fathom.Media{TenantID: f.tenant.ID, RecordingID: f.m1.ID, Kind: fathom.MediaVideo, ContentType: "video/mp4",
		Size: 99, SHA256: "cd34", Path: "1/two.mp4", CreatedAt: now.Add(time.Minute)}
	write(t, st, func(tx store.Tx) error {
		old, err := tx.MediaGet(ctx, f.tenant.ID, f.m1.ID)
		if err != nil || old.Path != m.Path {
			return fmt.Errorf("MediaGet in the replacing tx = %+v, %v; want path %s", old, err, m.Path)
		}
		return tx.MediaPut(ctx, m2)
	})
	if got := must(st.MediaGet(ctx, f.tenant.ID, f.m1.ID)); !reflect.DeepEqual(got, m2) {
		t.Fatalf("MediaGet after replace = %+v, want %+v", got, m2)
	}
	// The paths rows name, in order, page by page, across tenants.
	write(t, st, func(tx store.Tx) error {
		return tx.MediaPut(ctx, &fathom.Media{TenantID: f.otherTenant.ID, RecordingID: f.othr.ID, Kind: fathom.MediaAudio,
			ContentType: "audio/mpeg", Size: 3, SHA256: "ff", Path: "9/other.mp3", CreatedAt: now})
	})
	if got := fmt.Sprint(must(st.MediaPathList(ctx, "", 0))); got != "[1/two.mp4 9/other.mp3]" {
		t.Errorf("MediaPathList = %s, want the replacing file's path and the other tenant's", got)
	}
	if got := fmt.Sprint(must(st.MediaPathList(ctx, "1/two.mp4", 1))); got != "[9/other.mp3]" {
		t.Errorf("MediaPathList after 1/two.mp4 = %s", got)
	}
	if got := fmt.Sprint(must(st.MediaPathList(ctx, "", 1))); got != "[1/two.mp4]" {
		t.Errorf("MediaPathList limit 1 = %s", got)
	}
	// A path names one file of one recording.
	dup := *m2
	dup.RecordingID = f.m2.ID
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.MediaPut(ctx, &dup) }); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("MediaPut with a path in use err = %v, want ErrDuplicate", err)
	}
	// A failed write keeps nothing.
	boom := errors.New("boom")
	err := st.Write(ctx, func(tx store.Tx) error {
		if err := tx.MediaPut(ctx, &fathom.Media{TenantID: f.tenant.ID, RecordingID: f.m3.ID, Kind: fathom.MediaAudio,
			ContentType: "audio/wav", Size: 5, SHA256: "ee", Path: "1/three.wav", CreatedAt: now}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write err = %v, want boom", err)
	}
	if _, err := st.MediaGet(ctx, f.tenant.ID, f.m3.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("media of a rolled-back write err = %v, want ErrNotFound", err)
	}

	d := &fathom.Download{ID: "dl_abc", TenantID: f.tenant.ID, RecordingID: f.m1.ID, UserID: f.rec.ID, Client: "key:7",
		Kind: fathom.MediaVideo, ContentType: "video/mp4", Size: 99, SHA256: "cd34", DestinationURL: "https://cb.test/x",
		CreatedAt: now, ExpiresAt: now.Add(24 * time.Hour)}
	write(t, st, func(tx store.Tx) error { return tx.DownloadCreate(ctx, d) })
	gd := must(st.DownloadGet(ctx, f.tenant.ID, "dl_abc"))
	if gd.ExpiresAt.Location() != time.UTC || !reflect.DeepEqual(gd, d) {
		t.Fatalf("DownloadGet = %+v, want %+v", gd, d)
	}
	if _, err := st.DownloadGet(ctx, f.otherTenant.ID, "dl_abc"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("DownloadGet from another tenant err = %v, want ErrNotFound", err)
	}
	if _, err := st.DownloadGet(ctx, f.tenant.ID, "dl_none"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("DownloadGet(missing) err = %v, want ErrNotFound", err)
	}
	if err := st.Write(ctx, func(tx store.Tx) error { c := *d; return tx.DownloadCreate(ctx, &c) }); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("DownloadCreate with an id in use err = %v, want ErrDuplicate", err)
	}
}

// testRaceMedia: writers that each read a recording's media and replace
// it form one chain: every file but the last is seen as replaced by
// exactly one writer, so none is orphaned.
func testRaceMedia(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	seen := make([]string, racers)
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) error {
			meet()
			seen[i] = ""
			old, err := tx.MediaGet(ctx, f.tenant.ID, f.m1.ID)
			if err == nil {
				seen[i] = old.Path
			} else if !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("writer %d: %w", i, err)
			}
			return tx.MediaPut(ctx, &fathom.Media{TenantID: f.tenant.ID, RecordingID: f.m1.ID, Kind: fathom.MediaAudio,
				ContentType: "audio/mpeg", Size: 1, SHA256: "00", Path: fmt.Sprintf("p%d", i), CreatedAt: now})
		})
	})
	last := must(st.MediaGet(ctx, f.tenant.ID, f.m1.ID)).Path
	var want []string
	for i := range racers {
		if p := fmt.Sprintf("p%d", i); p != last {
			want = append(want, p)
		}
	}
	want = append(want, "")
	got := slices.Clone(seen)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("writers saw %q as the media they replaced, want each file but the last (%s) once and one writer seeing none", seen, last)
	}
}
