package media

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func writeMedia(t *testing.T, root, rel, body string) File {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	return File{Path: rel, Size: int64(len(body)), SHA256: hex.EncodeToString(sum[:])}
}

// CopyFiles copies what the rows name, checked; run again it keeps what
// is there; a missing file is reported; a file whose bytes are not its
// row's is an error and leaves nothing in the target.
func TestCopyFiles(t *testing.T) {
	ctx := context.Background()
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "media")
	a := writeMedia(t, src, "1/aaaa.mp4", "first recording")
	b := writeMedia(t, src, "2/bbbb.mp3", "second")
	gone := File{Path: "1/gone.mp4", Size: 3, SHA256: a.SHA256}
	rep, err := CopyFiles(ctx, src, dst, []File{a, b, gone})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Copied != 2 || rep.Present != 0 || rep.Bytes != a.Size+b.Size || len(rep.Missing) != 1 || rep.Missing[0] != gone.Path {
		t.Fatalf("first copy: %+v", rep)
	}
	for _, f := range []File{a, b} {
		if err := Check(filepath.Join(dst, filepath.FromSlash(f.Path)), f); err != nil {
			t.Error(err)
		}
	}
	if rep, err = CopyFiles(ctx, src, dst, []File{a, b}); err != nil || rep.Copied != 0 || rep.Present != 2 {
		t.Fatalf("second copy: %+v %v", rep, err)
	}

	bad := writeMedia(t, src, "3/cccc.mp4", "changed on disk")
	bad.SHA256 = a.SHA256
	if _, err := CopyFiles(ctx, src, dst, []File{bad}); err == nil {
		t.Fatal("a file whose bytes are not its row's was copied")
	}
	entries, _ := os.ReadDir(filepath.Join(dst, "3"))
	if len(entries) != 0 {
		t.Errorf("a failed copy left %d files behind", len(entries))
	}
	if _, err := CopyFiles(ctx, src, dst, []File{{Path: "../escape", Size: 1, SHA256: "x"}}); err == nil {
		t.Error("a path out of the directory was copied")
	}
}
