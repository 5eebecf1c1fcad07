package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// ack is one write a server acknowledged, and when its answer arrived.
type ack struct {
	id    string // conversation id, or a recording's external id
	topic int    // the conversation's messages: e2eTopics[topic]
	rec   int64  // the recording id
	at    time.Time
}

// writeLoad tracks conversations and ingests recordings on p until stop
// is closed, recording every acknowledged write.
type writeLoad struct {
	mu            sync.Mutex
	conversations []ack
	recordings    []ack
	wg            sync.WaitGroup
	stop          chan struct{}
}

func startWriteLoad(p *serveProcess, trackers int) *writeLoad {
	l := &writeLoad{stop: make(chan struct{})}
	for w := range trackers {
		l.repeat(func(i int) {
			id := fmt.Sprintf("load-%d-%d", w, i)
			topic := (w + i) % len(e2eTopics)
			if _, status, err := p.track(id, e2eTopics[topic]); err == nil && status == http.StatusOK {
				l.mu.Lock()
				l.conversations = append(l.conversations, ack{id: id, topic: topic, at: time.Now()})
				l.mu.Unlock()
			}
		})
	}
	l.repeat(func(i int) {
		ext := fmt.Sprintf("rec-%d", i)
		if status, rec, err := p.ingest(ext); err == nil && status == http.StatusCreated {
			l.mu.Lock()
			l.recordings = append(l.recordings, ack{id: ext, rec: rec, at: time.Now()})
			l.mu.Unlock()
		}
	})
	return l
}

// repeat calls do with 0, 1, 2, … in a goroutine of its own until end.
func (l *writeLoad) repeat(do func(i int)) {
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		for i := 0; ; i++ {
			select {
			case <-l.stop:
				return
			default:
			}
			do(i)
		}
	}()
}

func (l *writeLoad) counts() (int, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conversations), len(l.recordings)
}

func (l *writeLoad) end() {
	close(l.stop)
	l.wg.Wait()
}

// split divides acks into those answered before t0 and after t1.
func split(acks []ack, t0, t1 time.Time) (before, after []ack) {
	for _, a := range acks {
		switch {
		case a.at.Before(t0):
			before = append(before, a)
		case a.at.After(t1):
			after = append(after, a)
		}
	}
	return before, after
}

// get returns the status and body of a GET with p's key.
func (p *serveProcess) get(t *testing.T, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, p.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-Key", p.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the %d answer: %v", path, resp.StatusCode, err)
	}
	return resp.StatusCode, string(b)
}

// glob is filepath.Glob, failing t on a malformed pattern (which would
// otherwise read as no file left behind).
func glob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatalf("%s: %v", pattern, err)
	}
	return m
}

// storedConversation is what the Context API answers for a conversation,
// without the analysis, which each server computes on its own schedule.
func storedConversation(t *testing.T, p *serveProcess, id string) (int, string) {
	t.Helper()
	data, status, err := p.call(http.MethodGet, "/api/v1/context/conversations/"+id, nil)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]json.RawMessage
	if status == http.StatusOK {
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("conversation %s: %v in %s", id, err, data)
		}
	}
	return status, string(c["conversationId"]) + " " + string(c["messages"]) + " " + string(c["createdAt"])
}

// storedRecording is what the Meetings API answers for a recording: its
// transcript, and the meeting's title and creation time.
func storedRecording(t *testing.T, p *serveProcess, rec int64) (int, string) {
	t.Helper()
	status, transcript := p.get(t, fmt.Sprintf("/external/v1/recordings/%d/transcript", rec))
	if status != http.StatusOK {
		return status, transcript
	}
	status, body := p.get(t, fmt.Sprintf("/external/v1/meetings/%d", rec))
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("meeting %d: %d answer is not JSON: %v\n%s", rec, status, err, body)
	}
	return status, transcript + " " + string(m["title"]) + " " + string(m["created_at"]) + " " + string(m["recording_id"])
}

// TestBackupUnderLoadRestores takes a backup with `fathom backup` of a
// server on a real port while clients track conversations and ingest
// recordings; restores it with `fathom restore` into a new data directory
// and into a new PostgreSQL database; starts a server on each and checks
// that every write acknowledged before the backup began answers there as
// on the original, and that none acknowledged after it ended does (the
// backup is one snapshot). The installation backed up is on SQLite, then
// on PostgreSQL.
func TestBackupUnderLoadRestores(t *testing.T) {
	engineIndependent(t)
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	// Every recording is read twice through the meetings API's heavy
	// endpoints on each server: more than its per-minute limit.
	t.Setenv("FATHOM_MEETINGS_HEAVY_RATE_LIMIT", "0")
	t.Setenv("FATHOM_MEETINGS_RATE_LIMIT", "0")
	t.Run("SQLite", func(t *testing.T) { backupUnderLoad(t, "") })
	t.Run("PostgreSQL", func(t *testing.T) { backupUnderLoad(t, pgtest.NewDatabase(t)) })
}

func backupUnderLoad(t *testing.T, sourceURL string) {
	dataDir := t.TempDir()
	orig := startServe(t, dataDir, sourceURL)
	if orig.key == "" {
		t.Fatal("first start printed no API key")
	}
	load := startWriteLoad(orig, 3)
	eventually(t, 60*time.Second, "writes acknowledged before the backup", func() bool {
		c, r := load.counts()
		return c >= 60 && r >= 10
	})

	file := filepath.Join(t.TempDir(), "fathom.backup")
	begun := time.Now()
	args := []string{"backup", "--data-dir", dataDir, "--to", file}
	if sourceURL != "" {
		args = append(args, "--database-url", sourceURL)
	}
	code, out := runBinary(t, args...)
	ended := time.Now()
	if code != 0 {
		t.Fatalf("backup under load: exit %d\n%s", code, out)
	}
	c0, r0 := load.counts()
	eventually(t, 60*time.Second, "writes acknowledged after the backup", func() bool {
		c, r := load.counts()
		return c >= c0+20 && r >= r0+3
	})
	load.end()
	for _, want := range []string{"conversations", "secret key is not in the backup", filepath.Join(dataDir, "secret.key"), "taken in"} {
		if !strings.Contains(out, want) {
			t.Errorf("backup output lacks %q:\n%s", want, out)
		}
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, mode %v, want 0600", err, fi.Mode().Perm())
	}
	if left := glob(t, filepath.Join(filepath.Dir(file), ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	convBefore, convAfter := split(load.conversations, begun, ended)
	recBefore, recAfter := split(load.recordings, begun, ended)
	during := len(load.conversations) + len(load.recordings) - len(convBefore) - len(convAfter) - len(recBefore) - len(recAfter)
	t.Logf("backup took %s under load: %d conversations and %d recordings acknowledged before it, %d writes while it ran, %d and %d after",
		ended.Sub(begun).Round(time.Millisecond), len(convBefore), len(recBefore), during, len(convAfter), len(recAfter))

	// Into a new data directory, with the key.
	restored := t.TempDir()
	code, out = runBinary(t, "restore", "--from", file, "--data-dir", restored, "--secret-key-file", filepath.Join(dataDir, "secret.key"))
	if code != 0 || !strings.Contains(out, "restore complete") {
		t.Fatalf("restore into a data directory: exit %d\n%s", code, out)
	}
	if a, b := readFile(t, filepath.Join(dataDir, "secret.key")), readFile(t, filepath.Join(restored, "secret.key")); a != b {
		t.Errorf("restored secret.key differs from the original")
	}
	lite := startServe(t, restored, "")
	lite.key = orig.key
	checkRestored(t, "SQLite", sourceURL != "", orig, lite, convBefore, convAfter, recBefore, recAfter)
	// The restored database, and the -wal and -shm files its server made,
	// are its owner's alone, as a new server's are.
	for _, name := range []string{"fathom.db", "fathom.db-wal", "fathom.db-shm"} {
		if fi, err := os.Stat(filepath.Join(restored, name)); err != nil {
			t.Errorf("restored %s: %v", name, err)
		} else if fi.Mode().Perm() != 0o600 {
			t.Errorf("restored %s has mode %v, want 0600", name, fi.Mode().Perm())
		}
	}

	// Into a new PostgreSQL database.
	dbURL := pgtest.NewDatabase(t)
	code, out = runBinary(t, "restore", "--from", file, "--database-url", dbURL)
	if code != 0 || !strings.Contains(out, "restore complete") {
		t.Fatalf("restore into PostgreSQL: exit %d\n%s", code, out)
	}
	if backedUp, restored := convRows(t, out); backedUp != restored || backedUp < len(convBefore) {
		t.Errorf("conversations: %d in the backup, %d restored, %d acknowledged before it:\n%s", backedUp, restored, len(convBefore), out)
	}
	pg := startServe(t, t.TempDir(), dbURL)
	pg.key = orig.key
	checkRestored(t, "PostgreSQL", true, orig, pg, convBefore, convAfter, recBefore, recAfter)

	// A second restore into either is refused.
	if code, out := runBinary(t, "restore", "--from", file, "--data-dir", restored); code != 1 || !strings.Contains(out, "--data-dir") {
		t.Errorf("restore into a data directory its server holds: exit %d\n%s", code, out)
	}
}

// checkRestored compares a server on restored data with the original:
// everything acknowledged before the backup answers the same, nothing
// acknowledged after it is there.
//
// PostgreSQL keeps times to the microsecond, SQLite's text to the
// nanosecond: when either is on PostgreSQL (micro), times are compared at
// its precision (fathom copy does the same).
func checkRestored(t *testing.T, engine string, micro bool, orig, restored *serveProcess, convBefore, convAfter, recBefore, recAfter []ack) {
	t.Helper()
	same := func(s string) string { return s }
	if micro {
		same = func(s string) string {
			return fraction.ReplaceAllStringFunc(s, func(f string) string {
				f = strings.TrimRight(f[:min(len(f), 7)], "0")
				return strings.TrimSuffix(f, ".")
			})
		}
	}
	for _, a := range convBefore {
		s1, want := storedConversation(t, orig, a.id)
		s2, got := storedConversation(t, restored, a.id)
		want, got = same(want), same(got)
		if s1 != http.StatusOK || s2 != http.StatusOK || got != want {
			t.Fatalf("%s: conversation %s acknowledged before the backup: restored %d %s\noriginal %d %s", engine, a.id, s2, got, s1, want)
		}
	}
	for _, a := range convAfter {
		if s, _ := storedConversation(t, restored, a.id); s != http.StatusNotFound {
			t.Fatalf("%s: conversation %s acknowledged after the backup ended: restored answers %d, want 404", engine, a.id, s)
		}
	}
	for _, a := range recBefore {
		s1, want := storedRecording(t, orig, a.rec)
		s2, got := storedRecording(t, restored, a.rec)
		want, got = same(want), same(got)
		if s1 != http.StatusOK || s2 != http.StatusOK || got != want {
			t.Fatalf("%s: recording %s (%d) acknowledged before the backup: restored %d %s\noriginal %d %s", engine, a.id, a.rec, s2, got, s1, want)
		}
	}
	for _, a := range recAfter {
		if s, _ := storedRecording(t, restored, a.rec); s != http.StatusNotFound {
			t.Fatalf("%s: recording %s (%d) acknowledged after the backup ended: restored answers %d, want 404", engine, a.id, a.rec, s)
		}
	}
	// The restored server takes writes: a new conversation, and a
	// recording ingested again is the one it has.
	if _, status, err := restored.track("after-restore", e2eTopics[0]); err != nil || status != http.StatusOK {
		t.Fatalf("%s: track on the restored server: %d %v", engine, status, err)
	}
	if len(recBefore) > 0 {
		a := recBefore[0]
		if status, rec, err := restored.ingest(a.id); err != nil || status != http.StatusOK || rec != a.rec {
			t.Fatalf("%s: recording %s ingested again: %d, recording %d (want %d) %v", engine, a.id, status, rec, a.rec, err)
		}
	}
	// Many conversations of the backup share convBefore[0]'s words, and
	// equal scores list the newest first: any of them found shows that the
	// restored server's index answers.
	topic, backedUp := convBefore[0].topic, map[string]bool{}
	for _, a := range convBefore {
		backedUp[a.id] = a.topic == topic
	}
	eventually(t, 60*time.Second, engine+": the restored server finds a conversation of the backup", func() bool {
		return slices.ContainsFunc(restored.similar(e2eTopics[topic][0]), func(id string) bool { return backedUp[id] })
	})
}

// convRows reads the conversations row of restore's table: the rows in
// the backup and the rows restored.
func convRows(t *testing.T, out string) (backedUp, restored int) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if _, err := fmt.Sscanf(line, " conversations %d %d", &backedUp, &restored); err == nil {
			return backedUp, restored
		}
	}
	t.Fatalf("no conversations row in\n%s", out)
	return 0, 0
}

// fraction matches a time's fraction of a second in JSON.
var fraction = regexp.MustCompile(`\.\d+`)

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCLIBackupRestoreBadInput: each refusal names the flag and leaves
// nothing behind.
func TestCLIBackupRestoreBadInput(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"FATHOM_DATA_DIR": dir, "FATHOM_SQLITE_SYNCHRONOUS": "normal"}
	if code, _, errOut := cli(t, env, "keys", "create", "--create", "--tenant", "acme"); code != 0 {
		t.Fatalf("keys create: %s", errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret.key"), []byte(strings.Repeat("cd", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "b.db")
	if code, out, errOut := cli(t, env, "backup", "--to", file); code != 0 {
		t.Fatalf("backup: exit %d\n%s\n%s", code, out, errOut)
	}
	notBackup := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notBackup, []byte("not a database at all, but long enough to be read as one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	full := t.TempDir()
	if code, _, errOut := cli(t, map[string]string{"FATHOM_DATA_DIR": full}, "keys", "create", "--create", "--tenant", "beta"); code != 0 {
		t.Fatalf("keys create: %s", errOut)
	}
	otherKey := filepath.Join(t.TempDir(), "other.key")
	if err := os.WriteFile(otherKey, []byte(strings.Repeat("ab", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"backup"}, 2, "--to is required"},
		{[]string{"backup", "--to", file}, 2, "--to " + file + " exists"},
		{[]string{"backup", "--to", t.TempDir()}, 2, "is a directory"},
		{[]string{"backup", "--to", filepath.Join(dir, "no", "such", "b.db")}, 2, "does not exist"},
		{[]string{"backup", "--data-dir", t.TempDir(), "--to", filepath.Join(t.TempDir(), "x.db")}, 1, "--data-dir"},
		{[]string{"restore", "--data-dir", t.TempDir()}, 2, "--from is required"},
		{[]string{"restore", "--from", filepath.Join(dir, "missing.db"), "--data-dir", t.TempDir()}, 1, "--from " + filepath.Join(dir, "missing.db") + ": no such file"},
		{[]string{"restore", "--from", notBackup, "--data-dir", t.TempDir()}, 1, "is not a backup made by fathom backup"},
		{[]string{"restore", "--from", filepath.Join(dir, "fathom.db"), "--data-dir", t.TempDir()}, 1, "is not a backup made by fathom backup"},
		{[]string{"restore", "--from", file, "--data-dir", full}, 1, "--data-dir " + full + " already holds a database"},
		{[]string{"restore", "--from", file, "--data-dir", t.TempDir(), "--secret-key-file", otherKey}, 1, "--secret-key-file " + otherKey + " is not the key"},
		{[]string{"restore", "--from", file, "--database-url", "postgres://x@127.0.0.1:1/db", "--replace"}, 1, "--replace"},
	} {
		code, _, errOut := cli(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("fathom %s: exit %d, want %d with %q:\n%s", strings.Join(tc.args, " "), code, tc.code, tc.want, errOut)
		}
	}
	// Nothing was made beside the refused backups and restores.
	if left := glob(t, filepath.Join(filepath.Dir(file), "*")); len(left) != 1 {
		t.Errorf("files beside the backup: %v", left)
	}

	// --replace moves the database there aside, and the restore is the
	// backup's installation; the key left there is not the backup's.
	if err := os.WriteFile(filepath.Join(full, "secret.key"), []byte(strings.Repeat("ef", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, map[string]string{"FATHOM_DATA_DIR": full}, "restore", "--from", file, "--replace")
	if code != 0 {
		t.Fatalf("restore --replace: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "WARNING: "+filepath.Join(full, "secret.key")+" is not the backup's key") {
		t.Errorf("restore --replace beside another key does not warn:\n%s", out)
	}
	aside := glob(t, filepath.Join(full, "fathom.db.before-restore-*"))
	if len(aside) != 1 {
		t.Fatalf("--replace left %v aside", aside)
	}
	code, out, _ = cli(t, map[string]string{"FATHOM_DATA_DIR": full}, "tenants", "list")
	if code != 0 || !strings.Contains(out, "acme") || strings.Contains(out, "beta") {
		t.Errorf("tenants after restore --replace: exit %d\n%s", code, out)
	}
	code, out, _ = cli(t, map[string]string{"FATHOM_DATABASE_URL": "sqlite:" + aside[0]}, "tenants", "list")
	if code != 0 || !strings.Contains(out, "beta") {
		t.Errorf("tenants of the database moved aside: exit %d\n%s", code, out)
	}
}

// TestRestoreMigratesAnOlderBackup restores a backup taken at the schema
// version before this binary's: into a data directory and into
// PostgreSQL, each migrated first, with the rows kept.
func TestRestoreMigratesAnOlderBackup(t *testing.T) {
	engineIndependent(t)
	ctx := context.Background()
	latest, err := sqlite.LatestVersion()
	if err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(t.TempDir(), "fathom.db")
	db, err := sqlite.Open(sqlite.Config{Path: old, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.Writer(), os.DirFS("../../internal/store/sqlite/migrations"))
	if err != nil {
		t.Fatal(err)
	}
	sources := p.ListSources()
	prev := sources[len(sources)-2].Version
	if _, err := p.UpTo(ctx, prev); err != nil {
		t.Fatal(err)
	}
	if err := job.Migrate(ctx, job.SQLite(db.Writer())); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Writer().Exec(`INSERT INTO tenants (id, name, created_at) VALUES (7, 'acme', '2026-03-01T10:00:00.000000000Z')`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "old.db")
	if code, out, errOut := cli(t, map[string]string{"FATHOM_DATABASE_URL": "sqlite:" + old}, "backup", "--to", file); code != 0 {
		t.Fatalf("backup: exit %d\n%s\n%s", code, out, errOut)
	}

	dir := t.TempDir()
	code, out, errOut := cli(t, map[string]string{"FATHOM_DATA_DIR": dir}, "restore", "--from", file)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("migrated from schema version %d: applied [%d]", prev, latest)) {
		t.Fatalf("restore of an older backup: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := cli(t, map[string]string{"FATHOM_DATA_DIR": dir}, "tenants", "list"); code != 0 || !strings.Contains(out, "acme") {
		t.Errorf("tenants of the restored directory: exit %d\n%s", code, out)
	}
	if code, out, _ := cli(t, map[string]string{"FATHOM_DATA_DIR": dir}, "migrate"); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("migrate after the restore: exit %d\n%s", code, out)
	}

	dbURL := pgtest.NewDatabase(t)
	code, out, errOut = cli(t, map[string]string{"FATHOM_DATABASE_URL": dbURL}, "restore", "--from", file)
	if code != 0 || !strings.Contains(out, "restore complete") {
		t.Fatalf("restore of an older backup into PostgreSQL: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := cli(t, map[string]string{"FATHOM_DATABASE_URL": dbURL}, "tenants", "list"); code != 0 || !strings.Contains(out, "acme") {
		t.Errorf("tenants of the restored database: exit %d\n%s", code, out)
	}
	if left := glob(t, filepath.Join(os.TempDir(), ".fathom-restore-*")); len(left) > 0 {
		t.Errorf("working copies left in %s: %v", os.TempDir(), left)
	}
}
