package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/media/mediatest"
)

// fathom import --media sends a transcript with its audio (or sets it on
// the recording imported before); meetings
// download saves the same bytes; meetings media replaces the file; a file
// that is not audio or video is refused with the field named.
func TestImportMediaAndDownload(t *testing.T) {
	env := cliServer(t)
	dir := t.TempDir()
	vtt := filepath.Join(dir, "call.vtt")
	if err := os.WriteFile(vtt, []byte("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Alice>Welcome to the call.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	audio := mediatest.WAV(4000)
	wav := filepath.Join(dir, "call.wav")
	if err := os.WriteFile(wav, audio, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cli(t, env, "import", "--media", wav, vtt, vtt); code != 2 || !strings.Contains(errOut, "--media") {
		t.Fatalf("--media with two transcripts: %d %s", code, errOut)
	}
	// Imported first without its audio: importing it again with the
	// audio sets the file on the recording already there.
	if code, out, errOut := cli(t, env, "import", vtt); code != 0 || !strings.Contains(out, "1 new recordings") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	code, out, errOut := cli(t, env, "import", "--media", wav, vtt)
	if code != 0 || !strings.Contains(out, "1 already present") {
		t.Fatalf("import --media: %d %s %s", code, out, errOut)
	}
	var ms []struct {
		RecordingID int64 `json:"recording_id"`
	}
	_, out, _ = cli(t, env, "meetings", "list", "--output", "json", "--no-rate-limit")
	if err := json.Unmarshal([]byte(out), &ms); err != nil || len(ms) != 1 {
		t.Fatalf("meetings list: %v %s", err, out)
	}
	id := strconv.FormatInt(ms[0].RecordingID, 10)

	saved := filepath.Join(dir, "saved.wav")
	code, out, errOut = cli(t, env, "meetings", "download", id, "--to", saved, "--output", "json", "--no-rate-limit")
	var d struct {
		DownloadID string `json:"download_id"`
		Status     string `json:"status"`
		Audio      *struct {
			ContentType string `json:"content_type"`
		} `json:"audio"`
	}
	if err := json.Unmarshal([]byte(out), &d); code != 0 || err != nil || d.Status != "completed" || d.Audio == nil || d.Audio.ContentType != "audio/wav" {
		t.Fatalf("meetings download: %d %v %s %s", code, err, out, errOut)
	}
	if got, err := os.ReadFile(saved); err != nil || !bytes.Equal(got, audio) {
		t.Fatalf("saved file: %d bytes, %v; want the %d imported", len(got), err, len(audio))
	}
	if code, out, errOut := cli(t, env, "meetings", "download", id, d.DownloadID, "--no-rate-limit"); code != 0 || !strings.Contains(out, d.DownloadID) ||
		!strings.Contains(out, "completed") {
		t.Fatalf("meetings download ID: %d %s %s", code, out, errOut)
	}

	pdf := filepath.Join(dir, "notes.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\nnot a recording"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cli(t, env, "meetings", "media", id, pdf, "--no-rate-limit"); code != 1 || !strings.Contains(errOut, "media must be audio or video") {
		t.Fatalf("meetings media with a PDF: %d %s", code, errOut)
	}
	louder := mediatest.WAV(6000)
	if err := os.WriteFile(wav, louder, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := cli(t, env, "meetings", "media", id, wav, "--content-type", "audio/wav", "--no-rate-limit"); code != 0 ||
		!strings.Contains(out, strconv.Itoa(len(louder))+" bytes") {
		t.Fatalf("meetings media: %d %s %s", code, out, errOut)
	}
}
