package fathom

import "time"

// Media kinds: what a recording's file holds.
const (
	MediaAudio = "audio"
	MediaVideo = "video"
)

// Media is the audio or video file of a recording: at most one per
// recording. Path is relative to the media directory, so that servers
// sharing a database may mount that directory anywhere.
type Media struct {
	TenantID    int64
	RecordingID int64
	Kind        string // MediaAudio or MediaVideo
	ContentType string // audio/* or video/*, without parameters
	Size        int64
	SHA256      string // hex
	Path        string
	CreatedAt   time.Time
}

// Download states (spec §9.12 RecordingDownload.status).
const (
	DownloadProcessing = "processing"
	DownloadCompleted  = "completed"
	DownloadFailed     = "failed"
	DownloadExpired    = "expired"
)

// Download is a request for a recording's media: signed links to its file,
// valid until ExpiresAt, readable only by the API client that made it.
// Client names that client ("key:ID" for an API key, "oauth:ID" for an
// OAuth app). SHA256 pins the file it was made for: media replaced since
// is not served through it.
type Download struct {
	ID             string // dl_ + base62
	TenantID       int64
	RecordingID    int64
	UserID         int64
	Client         string
	Kind           string
	ContentType    string
	Size           int64
	SHA256         string
	DestinationURL string // "" when no callback was asked for
	CreatedAt      time.Time
	ExpiresAt      time.Time
}

// Status is the download's state at now: its file is ready at once, so it
// is completed until it expires.
func (d *Download) Status(now time.Time) string {
	if !now.Before(d.ExpiresAt) {
		return DownloadExpired
	}
	return DownloadCompleted
}
