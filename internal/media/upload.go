package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"github.com/gabriel-vasile/mimetype"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// sniffBytes is how much of a file its type is read from.
const sniffBytes = 3072

// Upload is a checked file written to a temporary file and synced, not yet
// placed: Place moves it where the database will name it, Discard drops
// it. Either must be called.
type Upload struct {
	dir         *Dir
	tmp         string // "" once placed or discarded
	Kind        string // fathom.MediaAudio or MediaVideo
	ContentType string
	Size        int64
	SHA256      string
}

// Write reads a file from r into a temporary file of the directory and
// checks it: declared is its Content-Type ("" or application/octet-stream
// when unknown: the bytes then say), field names it in errors. It must be
// audio/* or video/* by its declared type and by its bytes (415), not
// empty (400) and at most the directory's limit (413). Nothing is left
// behind on error.
func (d *Dir) Write(r io.Reader, declared, field string) (*Upload, error) {
	declaredType, err := declaredType(declared, field)
	if err != nil {
		return nil, err
	}
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, readError(err, field)
	}
	head = head[:n]
	if n == 0 {
		return nil, fathom.Errorf(fathom.EINVALID, "%s must not be empty", field)
	}
	sniffed, err := sniff(head, field)
	if err != nil {
		return nil, err
	}
	ct := declaredType
	if ct == "" {
		ct = sniffed
	}
	f, err := os.CreateTemp(filepath.Join(d.root, tmpDir), "*.part")
	if err != nil {
		return nil, fmt.Errorf("media temporary file: %w", err)
	}
	u := &Upload{dir: d, tmp: f.Name(), Kind: Kind(ct), ContentType: ct}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			u.Discard()
		}
	}()
	h := sha256.New()
	// One byte past the limit tells an oversized file from one at it.
	written, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(io.MultiReader(bytes.NewReader(head), r), d.maxBytes+1))
	if err != nil {
		return nil, readError(err, field)
	}
	if written > d.maxBytes {
		return nil, fathom.Errorf(fathom.ETOOLARGE, "%s must be at most %d bytes", field, d.maxBytes)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("media temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("media temporary file: %w", err)
	}
	u.Size, u.SHA256, ok = written, hex.EncodeToString(h.Sum(nil)), true
	return u, nil
}

// readError is a failed read of the upload: an application error from the
// reader (the caller's own body limit) as it is, anything else the
// client's broken request.
func readError(err error, field string) error {
	var fe *fathom.Error
	if errors.As(err, &fe) {
		return err
	}
	return fathom.Errorf(fathom.EINVALID, "%s could not be read: %v", field, err)
}

// declaredType checks a declared Content-Type: "" when it says nothing.
func declaredType(declared, field string) (string, error) {
	if strings.TrimSpace(declared) == "" {
		return "", nil
	}
	mt, _, err := mime.ParseMediaType(declared)
	if err != nil {
		return "", fathom.Errorf(fathom.EMEDIATYPE, "%s: Content-Type %q is not a media type", field, declared)
	}
	if mt == "application/octet-stream" {
		return "", nil
	}
	if !audioOrVideo(mt) {
		return "", fathom.Errorf(fathom.EMEDIATYPE, "%s must be audio or video: its Content-Type is %q", field, mt)
	}
	return mt, nil
}

// sniff reads the type of a file's first bytes: audio/* or video/*, or a
// 415 naming field.
func sniff(head []byte, field string) (string, error) {
	m := mimetype.Detect(head)
	for p := m; p != nil; p = p.Parent() {
		mt, _, _ := mime.ParseMediaType(p.String())
		if audioOrVideo(mt) {
			return mt, nil
		}
		if mt == "application/ogg" {
			return "audio/ogg", nil
		}
	}
	mt, _, _ := mime.ParseMediaType(m.String())
	return "", fathom.Errorf(fathom.EMEDIATYPE, "%s must be audio or video: its bytes are %s", field, mt)
}

func audioOrVideo(mt string) bool {
	return strings.HasPrefix(mt, "audio/") || strings.HasPrefix(mt, "video/")
}

func lookup(contentType string) *mimetype.MIME { return mimetype.Lookup(contentType) }

// Place moves the upload to its place among the tenant's files and
// returns its relative path. On error the upload is discarded.
func (u *Upload) Place(tenantID int64) (string, error) {
	if u.tmp == "" {
		return "", errors.New("media upload already placed or discarded")
	}
	rel, err := u.dir.place(u.tmp, tenantID, Extension(u.ContentType))
	if err != nil {
		u.Discard()
		return "", err
	}
	u.tmp = ""
	return rel, nil
}

// Discard removes the upload's temporary file, if it has one.
func (u *Upload) Discard() {
	if u.tmp != "" {
		_ = os.Remove(u.tmp)
		u.tmp = ""
	}
}
