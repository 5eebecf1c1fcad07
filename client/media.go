package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"time"
)

// Media is an audio or video file to upload with a recording.
type Media struct {
	// Body is the file. An io.Seeker (an *os.File) is rewound for a
	// retried attempt; any other reader is sent once.
	Body io.Reader
	// ContentType is the file's, e.g. audio/mpeg or video/mp4; empty lets
	// the server read the type from the bytes.
	ContentType string
	// FileName is offered to the server (default "media").
	FileName string
}

// RecordingMedia describes a recording's stored file (our extension).
type RecordingMedia struct {
	RecordingID int64     `json:"recording_id"`
	Kind        string    `json:"kind"` // audio or video
	ContentType string    `json:"content_type"`
	SizeBytes   int64     `json:"size_bytes"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// RecordingDownload is a download of a recording's media (Fathom's
// RecordingDownload): Video or Audio carries the signed link until the
// download expires.
type RecordingDownload struct {
	DownloadID    string                 `json:"download_id"`
	RecordingID   int64                  `json:"recording_id"`
	Status        string                 `json:"status"` // processing, completed, failed or expired
	Video         *RecordingDownloadFile `json:"video,omitempty"`
	Audio         *RecordingDownloadFile `json:"audio,omitempty"`
	FailureReason string                 `json:"failure_reason,omitempty"`
}

// RecordingDownloadFile is a signed, expiring link to a file.
type RecordingDownloadFile struct {
	URL           string    `json:"url"`
	ContentType   string    `json:"content_type"`
	FileSizeBytes int64     `json:"file_size_bytes"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// File is the download's file: Video, else Audio, else nil.
func (d *RecordingDownload) File() *RecordingDownloadFile {
	if d.Video != nil {
		return d.Video
	}
	return d.Audio
}

// rewind prepares a media body for an attempt: the first as it is, a
// retry only when the body can seek back.
func (m Media) rewind(attempt int) (io.Reader, error) {
	if attempt == 0 {
		return m.Body, nil
	}
	s, ok := m.Body.(io.Seeker)
	if !ok {
		return nil, errors.New("the media body cannot be sent again (not an io.Seeker)")
	}
	if _, err := s.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return m.Body, nil
}

// CreateRecordingWithMedia creates a recording with its audio or video
// file, in one multipart/form-data request (our extension); created is
// false when one with the same ExternalID existed (the file is then not
// kept).
func (c *Client) CreateRecordingWithMedia(ctx context.Context, in RecordingInput, media Media) (m *Meeting, created bool, err error) {
	meta, err := json.Marshal(in)
	if err != nil {
		return nil, false, fmt.Errorf("client: encode request: %w", err)
	}
	attempt := 0
	upload := func() (io.Reader, string, error) {
		body, err := media.rewind(attempt)
		attempt++
		if err != nil {
			return nil, "", err
		}
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() { pw.CloseWithError(writeParts(mw, meta, media, body)) }()
		return pr, mw.FormDataContentType(), nil
	}
	status, err := c.external(ctx, request{method: http.MethodPost, path: "/recordings", upload: upload}, &m)
	return m, status == http.StatusCreated, err
}

// writeParts writes the "recording" JSON part and the "media" file part.
func writeParts(mw *multipart.Writer, meta []byte, media Media, body io.Reader) error {
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="recording"`)
	h.Set("Content-Type", "application/json")
	w, err := mw.CreatePart(h)
	if err == nil {
		_, err = w.Write(meta)
	}
	if err != nil {
		return err
	}
	name := media.FileName
	if name == "" {
		name = "media"
	}
	h = textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="media"; filename=%q`, name))
	if media.ContentType != "" {
		h.Set("Content-Type", media.ContentType)
	} else {
		h.Set("Content-Type", "application/octet-stream")
	}
	if w, err = mw.CreatePart(h); err != nil {
		return err
	}
	if _, err := io.Copy(w, body); err != nil {
		return err
	}
	return mw.Close()
}

// PutRecordingMedia sets a recording's audio or video file, replacing any
// it had (our extension; the recorder or an account admin only).
func (c *Client) PutRecordingMedia(ctx context.Context, recordingID int64, media Media) (*RecordingMedia, error) {
	attempt := 0
	upload := func() (io.Reader, string, error) {
		body, err := media.rewind(attempt)
		attempt++
		return body, media.ContentType, err
	}
	var out RecordingMedia
	_, err := c.external(ctx, request{method: http.MethodPut, path: "/recordings/" + strconv.FormatInt(recordingID, 10) + "/media",
		upload: upload}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateRecordingDownload makes a download of a recording's media (202);
// with a destinationURL the completed download is also POSTed there,
// signed with the caller's callback secret. A recording without media is
// an *Error with StatusCode 422.
func (c *Client) CreateRecordingDownload(ctx context.Context, recordingID int64, destinationURL string) (*RecordingDownload, error) {
	var in any
	if destinationURL != "" {
		in = map[string]string{"destination_url": destinationURL}
	}
	var out RecordingDownload
	_, err := c.external(ctx, request{method: http.MethodPost, path: "/recordings/" + strconv.FormatInt(recordingID, 10) + "/download",
		in: in}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetRecordingDownload reads a download back; only the API client that
// made it may.
func (c *Client) GetRecordingDownload(ctx context.Context, recordingID int64, downloadID string) (*RecordingDownload, error) {
	var out RecordingDownload
	_, err := c.external(ctx, request{method: http.MethodGet,
		path: "/recordings/" + strconv.FormatInt(recordingID, 10) + "/downloads/" + url.PathEscape(downloadID)}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}
