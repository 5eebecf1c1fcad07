package fathomapi

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/media"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/server"
)

// mediaJSON describes a recording's media (our extension).
type mediaJSON struct {
	RecordingID int64  `json:"recording_id"`
	Kind        string `json:"kind"`
	ContentType string `json:"content_type"`
	SizeBytes   int64  `json:"size_bytes"`
	SHA256      string `json:"sha256"`
	CreatedAt   string `json:"created_at"`
}

func toMedia(m *fathom.Media) mediaJSON {
	return mediaJSON{RecordingID: m.RecordingID, Kind: m.Kind, ContentType: m.ContentType, SizeBytes: m.Size,
		SHA256: m.SHA256, CreatedAt: timeJSON(m.CreatedAt)}
}

// Multipart part names of POST /recordings with media.
const (
	partRecording = "recording" // the JSON body of a plain POST /recordings
	partMedia     = "media"     // the audio or video file
)

// putMedia is PUT /recordings/{id}/media (our extension): the body is the
// file, its Content-Type the file's.
func (h *Handler) putMedia(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	id, err := recordingID(r)
	if err != nil {
		return 0, nil, err
	}
	release, err := h.uploadSlot(ctx)
	if err != nil {
		return 0, nil, err
	}
	defer release()
	if limit := h.meetings.MediaMaxBytes(); limit > 0 && server.DeclaredTooLarge(r, limit) != nil {
		return 0, nil, fathom.Errorf(fathom.ETOOLARGE, "media must be at most %d bytes", limit)
	}
	u, err := h.meetings.WriteMedia(r.Body, r.Header.Get("Content-Type"), "media")
	if err != nil {
		return 0, nil, err
	}
	m, err := h.meetings.AttachMedia(ctx, c, id, u)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, toMedia(m), nil
}

// ingestMultipart reads POST /recordings as multipart/form-data: a
// "recording" part holding the JSON body and a "media" file part, in
// either order. The file is checked and written aside while it streams in.
func (h *Handler) ingestMultipart(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return 0, nil, fathom.Errorf(fathom.EINVALID, "request body: %v", err)
	}
	var in *ingestJSON
	var upload *media.Upload
	defer func() {
		if upload != nil {
			upload.Discard()
		}
	}()
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, nil, partError(err)
		}
		switch part.FormName() {
		case partRecording:
			if in != nil {
				return 0, nil, fathom.Errorf(fathom.EINVALID, "recording: give one recording part")
			}
			in = new(ingestJSON)
			if err := decodeJSON(part, in, h.maxBody, partRecording); err != nil {
				return 0, nil, err
			}
		case partMedia:
			if upload != nil {
				return 0, nil, fathom.Errorf(fathom.EINVALID, "media: give one media part")
			}
			if upload, err = h.meetings.WriteMedia(part, part.Header.Get("Content-Type"), partMedia); err != nil {
				return 0, nil, err
			}
		default:
			return 0, nil, fathom.Errorf(fathom.EINVALID, "unknown part %q: the parts are %q and %q", part.FormName(), partRecording, partMedia)
		}
	}
	if in == nil {
		return 0, nil, required(partRecording)
	}
	p, err := ingestParams(in)
	if err != nil {
		return 0, nil, err
	}
	p.Media, upload = upload, nil // Ingest owns it now
	return h.create(ctx, c, p)
}

// partError reads a broken multipart body: one over the size limit is a
// 413, anything else a 400.
func partError(err error) error {
	var fe *fathom.Error
	if errors.As(err, &fe) {
		return fe
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return fathom.Errorf(fathom.ETOOLARGE, "request body must be at most %d bytes", tooLarge.Limit)
	}
	return fathom.Errorf(fathom.EINVALID, "request body is not valid multipart/form-data: %v", err)
}

// isMultipart reports a multipart/form-data request.
func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}

// decodeJSON decodes one JSON part strictly, as decodeBody does a body.
func decodeJSON(part *multipart.Part, v any, maxBytes int64, name string) error {
	r, _ := http.NewRequest(http.MethodPost, "/", io.NopCloser(part))
	if ct := part.Header.Get("Content-Type"); ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	if err := decodeBody(r, v, maxBytes); err != nil {
		var fe *fathom.Error
		if errors.As(err, &fe) {
			return &fathom.Error{Code: fe.Code, Message: name + ": " + fe.Message}
		}
		return err
	}
	return nil
}
