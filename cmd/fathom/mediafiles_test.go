package main

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// seedMedia gives the installation in dir a meeting with a recording: its
// row and its file in dir/media; it returns the file's relative path and
// bytes.
func seedMedia(t *testing.T, dir string) (rel, body string) {
	t.Helper()
	env := map[string]string{"FATHOM_DATA_DIR": dir, "FATHOM_SQLITE_SYNCHRONOUS": "normal"}
	if code, _, errOut := cli(t, env, "keys", "create", "--create", "--tenant", "acme", "--email", "ops@acme.test"); code != 0 {
		t.Fatalf("keys create: %s", errOut)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "fathom.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rel, body = "1/0123456789abcdef0123456789abcdef.mp3", "ID3 the recording's bytes"
	sum := sha256.Sum256([]byte(body))
	const at = "2026-12-01T10:00:00Z"
	for _, q := range []string{
		`INSERT INTO meetings (tenant_id, recorder_id, title, share_token, created_at, recording_start, recording_end)
		 SELECT t.id, u.id, 'Call', 'tok', '` + at + `', '` + at + `', '` + at + `' FROM tenants t JOIN users u ON u.tenant_id = t.id LIMIT 1`,
		`INSERT INTO recording_media (recording_id, tenant_id, kind, content_type, size_bytes, sha256, path, created_at)
		 SELECT id, tenant_id, 'audio', 'audio/mpeg', ` + strconv.Itoa(len(body)) + `, '` + hex.EncodeToString(sum[:]) + `', '` + rel + `', '` + at + `' FROM meetings`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	p := filepath.Join(dir, "media", filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return rel, body
}

func fileHolds(t *testing.T, path, body string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != body {
		t.Errorf("%s: %q %v, want the recording's bytes", path, got, err)
	}
}

// A backup carries the media files beside it (FILE.media) and a restore
// puts them back in the new data directory's media directory.
func TestCLIBackupRestoreCarriesMedia(t *testing.T) {
	engineIndependent(t)
	dir := t.TempDir()
	rel, body := seedMedia(t, dir)
	file := filepath.Join(t.TempDir(), "b.db")
	code, out, errOut := cli(t, map[string]string{"FATHOM_DATA_DIR": dir}, "backup", "--to", file)
	if code != 0 || !strings.Contains(out, "media files backed up: 1 of 1") {
		t.Fatalf("backup: exit %d\n%s\n%s", code, out, errOut)
	}
	fileHolds(t, filepath.Join(file+".media", filepath.FromSlash(rel)), body)

	restored := t.TempDir()
	code, out, errOut = cli(t, map[string]string{"FATHOM_DATA_DIR": restored}, "restore", "--from", file)
	if code != 0 || !strings.Contains(out, "media files restored: 1 of 1") {
		t.Fatalf("restore: exit %d\n%s\n%s", code, out, errOut)
	}
	fileHolds(t, filepath.Join(restored, "media", filepath.FromSlash(rel)), body)

	// A backup whose media directory went missing restores its rows and
	// says which files are not there.
	if err := os.RemoveAll(file + ".media"); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = cli(t, map[string]string{"FATHOM_DATA_DIR": t.TempDir()}, "restore", "--from", file)
	if code != 0 || !strings.Contains(errOut, "1 media files named by rows are not in") {
		t.Fatalf("restore without the media: exit %d\n%s", code, errOut)
	}
}

// A copy to PostgreSQL copies the media files to --media-to, or checks
// them where they are.
func TestCLICopyCarriesMedia(t *testing.T) {
	engineIndependent(t)
	dir := t.TempDir()
	rel, body := seedMedia(t, dir)
	url := pgtest.NewDatabase(t)
	to := filepath.Join(t.TempDir(), "shared-media")
	code, out, errOut := cli(t, nil, "copy", "--from", "sqlite:"+dir, "--to", url, "--media-to", to)
	if code != 0 || !strings.Contains(out, "media files copied: 1 of 1") {
		t.Fatalf("copy: exit %d\n%s\n%s", code, out, errOut)
	}
	fileHolds(t, filepath.Join(to, filepath.FromSlash(rel)), body)

	code, out, errOut = cli(t, nil, "copy", "--from", "sqlite:"+dir, "--to", url)
	if code != 0 || !strings.Contains(out, "media files: 1 of 1 in "+filepath.Join(dir, "media")) {
		t.Fatalf("copy again, media left in place: exit %d\n%s\n%s", code, out, errOut)
	}
}
