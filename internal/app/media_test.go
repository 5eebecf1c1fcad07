package app_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/media/mediatest"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/secret"
	"github.com/fathom-oss/fathom/internal/tenant"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// recordingDownload is RecordingDownload as spec §9.12 documents it.
type recordingDownload struct {
	DownloadID  string        `json:"download_id"`
	RecordingID int64         `json:"recording_id"`
	Status      string        `json:"status"`
	Video       *downloadFile `json:"video"`
	Audio       *downloadFile `json:"audio"`
}

type downloadFile struct {
	URL           string    `json:"url"`
	ContentType   string    `json:"content_type"`
	FileSizeBytes int64     `json:"file_size_bytes"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// mediaInfo is PUT /recordings/{id}/media's answer as docs/meetings-api.md
// documents it.
type mediaInfo struct {
	RecordingID int64     `json:"recording_id"`
	Kind        string    `json:"kind"`
	ContentType string    `json:"content_type"`
	SizeBytes   int64     `json:"size_bytes"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// testMP4 is the start of an MP4 file: enough for its type to be read.
func testMP4(n int) []byte {
	return append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), bytes.Repeat([]byte{7}, n)...)
}

// part is one part of a multipart body.
type part struct {
	name, filename, contentType string
	body                        []byte
}

func (s *testServer) multipart(t *testing.T, method, path, key string, parts ...part) reply {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disp := fmt.Sprintf(`form-data; name=%q`, p.name)
		if p.filename != "" {
			disp += fmt.Sprintf(`; filename=%q`, p.filename)
		}
		h.Set("Content-Disposition", disp)
		if p.contentType != "" {
			h.Set("Content-Type", p.contentType)
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.body)
	}
	mw.Close()
	req, err := http.NewRequest(method, s.URL+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-Api-Key", key)
	return do(t, req)
}

func (s *testServer) putMedia(t *testing.T, id int64, key, contentType string, body []byte) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, fmt.Sprintf("%s/external/v1/recordings/%d/media", s.URL, id), bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Api-Key", key)
	return do(t, req)
}

// fetch GETs a download link without credentials, with an optional Range.
func fetch(t *testing.T, link, rangeHeader string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, link, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rangeHeader != "" {
		req.Header.Set("Range", rangeHeader)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

// mediaFiles lists the files of the media directory, temporary ones too.
func mediaFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

var downloadIDPattern = regexp.MustCompile(`^dl_[0-9A-Za-z]{30}$`)

func TestRecordingMediaAndDownloads(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.AllowPrivateTargets = true
	cfg.MediaMaxBytes = 64 << 10
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	mediaDir := filepath.Join(cfg.DataDir, "media")
	db, ph := rawDB(t, cfg)
	count := func(table string) int {
		t.Helper()
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	_ = ph

	// Import with media: a JSON part and the file.
	audio := mediatest.WAV(8000)
	meta := mustJSON(map[string]any{"title": "Call with audio", "transcript": []map[string]any{
		{"speaker": map[string]any{"display_name": "Alice"}, "text": "Hello and welcome.", "timestamp": "00:00:01"}}})
	created := s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
		part{name: "recording", contentType: "application/json", body: []byte(meta)},
		part{name: "media", filename: "call.wav", contentType: "audio/wav", body: audio})
	if created.Status != 201 {
		t.Fatalf("multipart ingest: %d %s", created.Status, created.Raw)
	}
	id := recordingID(t, created)
	if files := mediaFiles(t, mediaDir); len(files) != 1 || !strings.HasSuffix(files[0], ".wav") {
		t.Fatalf("media directory holds %v, want one .wav file", files)
	}

	// Download with a callback.
	rc := newReceiver(t)
	before := time.Now().Truncate(time.Second)
	made := s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", id), ws.alice,
		mustJSON(map[string]any{"destination_url": rc.URL + "/downloads"}))
	if made.Status != 202 {
		t.Fatalf("create download: %d %s", made.Status, made.Raw)
	}
	var dl recordingDownload
	strictDecode(t, made.Raw, &dl)
	hasKeys(t, "the download", made.Body, "download_id", "recording_id", "status", "audio")
	hasKeys(t, "its audio", made.Body["audio"], "url", "content_type", "file_size_bytes", "expires_at")
	if !downloadIDPattern.MatchString(dl.DownloadID) || dl.RecordingID != id || dl.Status != "completed" || dl.Video != nil ||
		dl.Audio == nil || dl.Audio.ContentType != "audio/wav" || dl.Audio.FileSizeBytes != int64(len(audio)) {
		t.Fatalf("download = %s", made.Raw)
	}
	if exp := dl.Audio.ExpiresAt.Sub(before); exp < 24*time.Hour || exp > 24*time.Hour+time.Minute {
		t.Fatalf("the link expires %s after it was made, want 24h", exp)
	}
	got := s.get(t, fmt.Sprintf("/external/v1/recordings/%d/downloads/%s", id, dl.DownloadID), ws.alice)
	var again recordingDownload
	strictDecode(t, got.Raw, &again)
	if got.Status != 200 || again.DownloadID != dl.DownloadID || again.Audio == nil || again.Audio.URL != dl.Audio.URL {
		t.Fatalf("get download: %d %s", got.Status, got.Raw)
	}

	// The link serves the bytes, ranges included, without a key.
	status, h, body := fetch(t, dl.Audio.URL, "bytes=1000-1999")
	if status != 206 || !bytes.Equal(body, audio[1000:2000]) || h.Get("Content-Range") != fmt.Sprintf("bytes 1000-1999/%d", len(audio)) {
		t.Fatalf("range request: %d %v, %d bytes", status, h, len(body))
	}
	if status, h, body := fetch(t, dl.Audio.URL, ""); status != 200 || !bytes.Equal(body, audio) || h.Get("Content-Type") != "audio/wav" {
		t.Fatalf("whole file: %d %v, %d bytes", status, h, len(body))
	}

	// The callback carries the same download, signed with the caller's
	// callback secret.
	cb := rc.wait(t)
	sec := s.get(t, "/external/v1/callback_secret", ws.alice)
	if err := webhook.Verify(sec.Body["secret"].(string), cb.header, cb.body, time.Now()); err != nil {
		t.Fatalf("callback does not verify: %v", err)
	}
	// Signed links read as they are: '&', not \u0026, in the answer and
	// the callback.
	for name, raw := range map[string]string{"answer": made.Raw, "callback": string(cb.body)} {
		if strings.Contains(raw, `\u0026`) || !strings.Contains(raw, "&signature=") {
			t.Fatalf("the %s escapes its links' '&': %s", name, raw)
		}
	}
	var pushed recordingDownload
	strictDecode(t, string(cb.body), &pushed)
	if pushed.DownloadID != dl.DownloadID || pushed.Audio == nil || pushed.Audio.URL != dl.Audio.URL {
		t.Fatalf("callback body: %s", cb.body)
	}

	// Altered, incomplete and expired links.
	u, _ := url.Parse(dl.Audio.URL)
	alter := func(key, value string) string {
		q := u.Query()
		q.Set(key, value)
		v := *u
		v.RawQuery = q.Encode()
		return v.String()
	}
	sig := u.Query().Get("signature")
	flipped := "A"
	if sig[0] == 'A' {
		flipped = "B"
	}
	for name, link := range map[string]string{
		"altered signature": alter("signature", flipped+sig[1:]),
		"later expiry":      alter("expires", fmt.Sprint(time.Now().Add(48*time.Hour).Unix())),
		"other tenant":      alter("tenant", "999"),
		"no signature":      strings.Replace(dl.Audio.URL, "signature=", "x=", 1),
		"other kind":        strings.Replace(dl.Audio.URL, "/audio?", "/video?", 1),
	} {
		if status, _, body := fetch(t, link, ""); status != 403 || !strings.Contains(string(body), "signature") {
			t.Fatalf("%s: %d %s, want 403 naming the signature", name, status, body)
		}
	}
	key, err := secret.LoadOrCreateKey(cfg.SecretKey, filepath.Join(cfg.DataDir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Minute).Unix()
	derived := hmac.New(sha256.New, key)
	derived.Write([]byte("fathom recording download links"))
	mac := hmac.New(sha256.New, derived.Sum(nil))
	fmt.Fprintf(mac, "%s.%s.audio.%d", u.Query().Get("tenant"), dl.DownloadID, past)
	q := u.Query()
	q.Set("expires", fmt.Sprint(past))
	q.Set("signature", base64.RawURLEncoding.EncodeToString(mac.Sum(nil)))
	expired := *u
	expired.RawQuery = q.Encode()
	if status, _, body := fetch(t, expired.String(), ""); status != 410 || !strings.Contains(string(body), "expire") {
		t.Fatalf("expired link: %d %s, want 410", status, body)
	}

	// Only the API client that made a download reads it: another key of
	// the same user is another client.
	other, err := s.Tenants.CreateKey(context.Background(), tenant.CreateKeyParams{Tenant: "acme", UserEmail: "alice@acme.com"})
	if err != nil {
		t.Fatal(err)
	}
	if r := s.get(t, fmt.Sprintf("/external/v1/recordings/%d/downloads/%s", id, dl.DownloadID), other.Secret); r.Status != 403 ||
		!strings.Contains(r.Raw, "download_id") {
		t.Fatalf("another client reads the download: %d %s", r.Status, r.Raw)
	}
	if r := s.get(t, fmt.Sprintf("/external/v1/recordings/%d/downloads/%s", id, dl.DownloadID), ws.bob); r.Status != 404 {
		t.Fatalf("a user who cannot see the recording reads its download: %d %s", r.Status, r.Raw)
	}

	// Bad input is a 4xx naming the field, and stores nothing.
	meetings, downloads, files := count("meetings"), count("recording_downloads"), len(mediaFiles(t, mediaDir))
	plain := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "No media"}))
	meetings++
	for _, tc := range []struct {
		name   string
		r      reply
		status int
		field  string
	}{
		{"download of unknown recording", s.post(t, "/external/v1/recordings/999999/download", ws.alice, ""), 404, "recording"},
		{"download of a recording without media", s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", plain), ws.alice, ""), 422, "audio or video"},
		{"download id unknown", s.get(t, fmt.Sprintf("/external/v1/recordings/%d/downloads/dl_nope", id), ws.alice), 404, "download_id"},
		{"download id of another recording", s.get(t, fmt.Sprintf("/external/v1/recordings/%d/downloads/%s", plain, dl.DownloadID), ws.alice), 404, "download_id"},
		{"destination_url not a URL", s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", id), ws.alice, `{"destination_url":"not a url"}`), 400, "destination_url"},
		{"destination_url ftp", s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", id), ws.alice, `{"destination_url":"ftp://example.com/x"}`), 400, "destination_url"},
		{"destination_url empty", s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", id), ws.alice, `{"destination_url":""}`), 400, "destination_url"},
		{"destination_url a number", s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", id), ws.alice, `{"destination_url":5}`), 400, "destination_url"},
		{"unknown body field", s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", id), ws.alice, `{"destination":"https://x.test"}`), 400, "destination"},
		{"media declared text", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "recording", body: []byte(meta)}, part{name: "media", contentType: "text/plain", body: audio}), 415, "media"},
		{"media bytes not audio", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "recording", body: []byte(meta)}, part{name: "media", contentType: "audio/mpeg", body: []byte("just some words, not sound")}), 415, "media"},
		{"media oversized", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "recording", body: []byte(meta)}, part{name: "media", contentType: "audio/wav", body: mediatest.WAV(40_000)}), 413, "media"},
		{"media empty", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "recording", body: []byte(meta)}, part{name: "media", contentType: "audio/wav"}), 400, "media"},
		{"no recording part", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "media", contentType: "audio/wav", body: audio}), 400, "recording"},
		{"recording part not JSON", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "recording", body: []byte("{nope")}, part{name: "media", contentType: "audio/wav", body: audio}), 400, "recording"},
		{"recording part invalid", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "recording", body: []byte(`{"meeting_url":"nope"}`)}, part{name: "media", contentType: "audio/wav", body: audio}), 400, "meeting_url"},
		{"unknown part", s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
			part{name: "recording", body: []byte(meta)}, part{name: "video", contentType: "video/mp4", body: testMP4(100)}), 400, "video"},
		{"put media of unknown recording", s.putMedia(t, 999999, ws.alice, "audio/wav", audio), 404, "recording"},
		{"put media of a recording not seen", s.putMedia(t, id, ws.bob, "audio/wav", audio), 404, "recording"},
		{"put media not audio", s.putMedia(t, plain, ws.alice, "application/pdf", []byte("%PDF-1.4 not media")), 415, "media"},
		{"put media oversized", s.putMedia(t, plain, ws.alice, "audio/wav", mediatest.WAV(40_000)), 413, "media"},
	} {
		if tc.r.Status != tc.status || !strings.Contains(tc.r.Raw, tc.field) {
			t.Errorf("%s: %d %s, want %d naming %q", tc.name, tc.r.Status, tc.r.Raw, tc.status, tc.field)
		}
	}
	if m, d, f := count("meetings"), count("recording_downloads"), len(mediaFiles(t, mediaDir)); m != meetings || d != downloads || f != files {
		t.Fatalf("refused requests stored something: meetings %d→%d, downloads %d→%d, files %d→%d", meetings, m, downloads, d, files, f)
	}

	// Media added later replaces the file; a download made before no
	// longer serves, one made after serves the new file.
	video := testMP4(30_000)
	put := s.putMedia(t, id, ws.alice, "video/mp4", video)
	var info mediaInfo
	strictDecode(t, put.Raw, &info)
	if put.Status != 200 || info.Kind != "video" || info.ContentType != "video/mp4" || info.SizeBytes != int64(len(video)) {
		t.Fatalf("put media: %d %s", put.Status, put.Raw)
	}
	if files := mediaFiles(t, mediaDir); len(files) != 1 || !strings.HasSuffix(files[0], ".mp4") {
		t.Fatalf("after replacing, the media directory holds %v, want the one .mp4", files)
	}
	if status, _, body := fetch(t, dl.Audio.URL, ""); status != 410 {
		t.Fatalf("a link to replaced media: %d %s, want 410", status, body)
	}
	made = s.post(t, fmt.Sprintf("/external/v1/recordings/%d/download", id), ws.alice, "")
	var vdl recordingDownload
	strictDecode(t, made.Raw, &vdl)
	if made.Status != 202 || vdl.Video == nil || vdl.Audio != nil || vdl.Video.ContentType != "video/mp4" {
		t.Fatalf("download of the video: %d %s", made.Status, made.Raw)
	}
	if status, _, body := fetch(t, vdl.Video.URL, "bytes=-100"); status != 206 || !bytes.Equal(body, video[len(video)-100:]) {
		t.Fatalf("suffix range of the video: %d, %d bytes", status, len(body))
	}
}

func TestRecordingDownloadRateLimit(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.MeetingsDownloadRateLimit = 2
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	id := recordingID(t, s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
		part{name: "recording", body: []byte(`{"title":"Limited"}`)}, part{name: "media", body: mediatest.WAV(100)}))
	path := fmt.Sprintf("/external/v1/recordings/%d/download", id)
	for i := range 2 {
		if r := s.post(t, path, ws.alice, ""); r.Status != 202 {
			t.Fatalf("download %d: %d %s", i+1, r.Status, r.Raw)
		}
	}
	r := s.post(t, path, ws.alice, "")
	if r.Status != 429 || r.Header.Get("RateLimit-Limit") != "2" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("third download: %d %v %s", r.Status, r.Header, r.Raw)
	}
	// Polling counts against the global limit only.
	if r := s.get(t, "/external/v1/teams", ws.alice); r.Status != 200 {
		t.Fatalf("a light request after the download limit: %d %s", r.Status, r.Raw)
	}
}

// OpenMedia, for a page that plays a recording, follows Get's visibility:
// the recorder opens the file, a member it is not shared with gets 404.
func TestOpenMediaFollowsVisibility(t *testing.T) {
	t.Parallel()
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	ctx := context.Background()
	audio := mediatest.WAV(500)
	id := recordingID(t, s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
		part{name: "recording", body: []byte(`{"title":"Private call"}`)}, part{name: "media", body: audio}))
	noMedia := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Silent"}))
	caller := func(key string) *meeting.Caller {
		p, err := s.Tenants.Authenticate(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.Meetings.Caller(ctx, p, false)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	f, err := s.Meetings.OpenMedia(ctx, caller(ws.alice), id)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(got, audio) || f.ContentType != "audio/wav" || f.Size != int64(len(audio)) {
		t.Fatalf("OpenMedia: %d bytes of %s, size %d", len(got), f.ContentType, f.Size)
	}
	if _, err := s.Meetings.OpenMedia(ctx, caller(ws.bob), id); fathom.ErrorCode(err) != fathom.ENOTFOUND {
		t.Fatalf("OpenMedia by a member who cannot see it: %v, want not found", err)
	}
	if _, err := s.Meetings.OpenMedia(ctx, caller(ws.alice), noMedia); fathom.ErrorCode(err) != fathom.ENOTFOUND {
		t.Fatalf("OpenMedia of a recording without media: %v, want not found", err)
	}
}

// TestDeletingARecordingRemovesItsMedia: a deleted recording leaves
// neither its media row nor its file behind.
func TestDeletingARecordingRemovesItsMedia(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	s := start(t, cfg)
	ws := seedWorkspace(t, s)
	mediaDir := filepath.Join(cfg.DataDir, "media")
	meta := mustJSON(map[string]any{"title": "Call to delete", "transcript": []map[string]any{
		{"speaker": map[string]any{"display_name": "Alice"}, "text": "Hello.", "timestamp": "00:00:01"}}})
	created := s.multipart(t, http.MethodPost, "/external/v1/recordings", ws.alice,
		part{name: "recording", contentType: "application/json", body: []byte(meta)},
		part{name: "media", filename: "call.wav", contentType: "audio/wav", body: mediatest.WAV(4000)})
	if created.Status != 201 {
		t.Fatalf("multipart ingest: %d %s", created.Status, created.Raw)
	}
	id := recordingID(t, created)
	if files := mediaFiles(t, mediaDir); len(files) != 1 {
		t.Fatalf("media directory holds %v, want one file", files)
	}
	req, err := http.NewRequest(http.MethodDelete, fmt.Sprintf("%s/external/v1/meetings/%d", s.URL, id), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Api-Key", ws.alice)
	if r := do(t, req); r.Status != 204 {
		t.Fatalf("delete: %d %s", r.Status, r.Raw)
	}
	if files := mediaFiles(t, mediaDir); len(files) != 0 {
		t.Errorf("the deleted recording's media is still there: %v", files)
	}
	db, _ := rawDB(t, cfg)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM recording_media`).Scan(&n); err != nil || n != 0 {
		t.Errorf("media rows after the delete: %d (%v)", n, err)
	}
}
