package fathomapi

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/server"
)

// recordingDownloadJSON is RecordingDownload (spec §9.12): the file of the
// recording's kind, video or audio, until the download expires.
type recordingDownloadJSON struct {
	DownloadID  string        `json:"download_id"`
	RecordingID int64         `json:"recording_id"`
	Status      string        `json:"status"`
	Video       *downloadFile `json:"video,omitempty"`
	Audio       *downloadFile `json:"audio,omitempty"`
}

// downloadFile is RecordingDownloadFile.
type downloadFile struct {
	URL           string `json:"url"`
	ContentType   string `json:"content_type"`
	FileSizeBytes int64  `json:"file_size_bytes"`
	ExpiresAt     string `json:"expires_at"`
}

func toDownload(v *meeting.DownloadView) recordingDownloadJSON {
	out := recordingDownloadJSON{DownloadID: v.ID, RecordingID: v.RecordingID, Status: v.Status}
	if v.URL != "" {
		f := &downloadFile{URL: v.URL, ContentType: v.ContentType, FileSizeBytes: v.Size, ExpiresAt: timeJSON(v.ExpiresAt)}
		if v.Kind == fathom.MediaVideo {
			out.Video = f
		} else {
			out.Audio = f
		}
	}
	return out
}

// DownloadBody is a download's destination_url payload: the RecordingDownload.
func (r *Renderer) DownloadBody(v *meeting.DownloadView) ([]byte, error) {
	return marshal(toDownload(v))
}

type downloadRequestJSON struct {
	DestinationURL *string `json:"destination_url"`
}

// createDownload is POST /recordings/{id}/download: 202 RecordingDownload
// (spec §8.8). The body is optional; an empty one asks for no callback.
func (h *Handler) createDownload(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	id, err := recordingID(r)
	if err != nil {
		return 0, nil, err
	}
	const maxBody = 64 << 10
	// Refused before a byte is read, as every body of this API is.
	if err := server.DeclaredTooLarge(r, maxBody); err != nil {
		return 0, nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return 0, nil, fathom.Errorf(fathom.EINVALID, "request body could not be read")
	}
	var in downloadRequestJSON
	if len(bytes.TrimSpace(raw)) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(raw))
		if err := decodeBody(r, &in, maxBody); err != nil {
			return 0, nil, err
		}
	}
	dest := ""
	if in.DestinationURL != nil {
		if dest = *in.DestinationURL; dest == "" {
			return 0, nil, fathom.Errorf(fathom.EINVALID, "destination_url must be an absolute https URL, or left out")
		}
	}
	v, err := h.meetings.CreateDownload(ctx, c, id, dest)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusAccepted, toDownload(v), nil
}

// getDownload is GET /recordings/{id}/downloads/{download_id} (spec §8.8).
func (h *Handler) getDownload(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	id, err := recordingID(r)
	if err != nil {
		return 0, nil, err
	}
	v, err := h.meetings.GetDownload(ctx, c, id, r.PathValue("download_id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, toDownload(v), nil
}

// mediaTimeout bounds one media upload or file download: far past the
// server's 30 s request timeouts, which a large file would not meet.
const mediaTimeout = time.Hour

// longTransfer lifts the server's read and write deadlines for a request
// that moves a media file.
func longTransfer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		deadline := time.Now().Add(mediaTimeout)
		_ = rc.SetReadDeadline(deadline)
		_ = rc.SetWriteDeadline(deadline)
		next.ServeHTTP(w, r)
	})
}

// downloadFile serves the file behind a signed download link, with range
// requests, to anyone holding the link (no credentials: the signature is
// the credential). It answers 403 for an altered link and 410 for an
// expired one.
func (h *Handler) serveDownloadFile(w http.ResponseWriter, r *http.Request) {
	id, err := recordingID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f, err := h.meetings.OpenDownloadFile(r.Context(), meeting.FileParams{RecordingID: id, DownloadID: r.PathValue("download_id"),
		Kind: r.PathValue("kind"), Tenant: q.Get("tenant"), Expires: q.Get("expires"), Signature: q.Get("signature")})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer f.Close()
	server.ServeFile(w, r, f.Name, f.ContentType, f.ModTime, f.File, true)
}
