package media

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/media/mediatest"
)

func TestWriteChecksTypeAndSize(t *testing.T) {
	d, err := Open(t.TempDir(), 4096)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, declared string
		body           []byte
		code, kind, ct string
	}{
		{"declared audio", "audio/wav", mediatest.WAV(100), "", fathom.MediaAudio, "audio/wav"},
		{"bytes say", "application/octet-stream", mediatest.WAV(100), "", fathom.MediaAudio, "audio/wav"},
		{"no type", "", mediatest.WAV(100), "", fathom.MediaAudio, "audio/wav"},
		{"mp4", "", []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + strings.Repeat("\x00", 64)), "", fathom.MediaVideo, "video/mp4"},
		{"declared text", "text/plain", mediatest.WAV(100), fathom.EMEDIATYPE, "", ""},
		{"bad declared", "nonsense;;", mediatest.WAV(100), fathom.EMEDIATYPE, "", ""},
		{"bytes are text", "audio/mpeg", []byte("hello, this is not audio"), fathom.EMEDIATYPE, "", ""},
		{"empty", "audio/wav", nil, fathom.EINVALID, "", ""},
		{"at the limit", "", mediatest.WAV((4096 - 44) / 2), "", fathom.MediaAudio, "audio/wav"},
		{"over the limit", "", mediatest.WAV((4096-44)/2 + 1), fathom.ETOOLARGE, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := d.Write(bytes.NewReader(tc.body), tc.declared, "media")
			if code := fathom.ErrorCode(err); code != tc.code {
				t.Fatalf("err = %v, want code %q", err, tc.code)
			}
			if err != nil {
				if !strings.Contains(fathom.ErrorMessage(err), "media") {
					t.Fatalf("message %q does not name the field", fathom.ErrorMessage(err))
				}
				if left, _ := os.ReadDir(filepath.Join(d.Root(), tmpDir)); len(left) != 0 {
					t.Fatalf("a refused upload left %d files", len(left))
				}
				return
			}
			if u.Kind != tc.kind || u.ContentType != tc.ct || u.Size != int64(len(tc.body)) {
				t.Fatalf("upload = %+v, want kind %s type %s size %d", u, tc.kind, tc.ct, len(tc.body))
			}
			rel, err := u.Place(7)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(d.Root(), rel))
			if err != nil || !bytes.Equal(got, tc.body) || !strings.HasPrefix(rel, "7/") {
				t.Fatalf("placed %s: %d bytes, err %v", rel, len(got), err)
			}
			if left, _ := os.ReadDir(filepath.Join(d.Root(), tmpDir)); len(left) != 0 {
				t.Fatalf("placing left %d temporary files", len(left))
			}
		})
	}
}

func TestOpenRefusesPathsOutside(t *testing.T) {
	d, err := Open(t.TempDir(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"../x", "/etc/passwd", "a/../../x", ""} {
		if _, err := d.Open(rel); err == nil || os.IsNotExist(err) {
			t.Fatalf("Open(%q) err = %v, want a refusal", rel, err)
		}
	}
}
