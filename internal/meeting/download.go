package meeting

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// DownloadTTL is how long a download's signed links work (spec §8.8:
// about 24 h after generation).
const DownloadTTL = 24 * time.Hour

// DownloadView is a download as the API shows it: its state now and, until
// it expires, the signed link to its file.
type DownloadView struct {
	*fathom.Download
	Status string
	URL    string // "" once expired
}

// CreateDownload makes a download of a recording's media for the caller's
// API client (spec §8.8). The file is already at hand, so the download is
// completed at once. With a destination URL the download is also POSTed
// there, signed like the other callbacks, through the delivery queue.
func (s *Service) CreateDownload(ctx context.Context, c *Caller, recordingID int64, destinationURL string) (*DownloadView, error) {
	if destinationURL != "" {
		if _, err := s.guard.CheckURL(destinationURL); err != nil {
			return nil, fathom.Errorf(fathom.EINVALID, "destination_url %v", err)
		}
	}
	if s.media == nil {
		return nil, errNoMediaDir
	}
	m, err := s.get(ctx, c, recordingID)
	if err != nil {
		return nil, err
	}
	row, err := s.store.MediaGet(ctx, c.TenantID, m.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.EUNPROCESSABLE, "recording %d has no audio or video to download", m.ID)
	}
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Second)
	d := &fathom.Download{ID: newDownloadID(), TenantID: c.TenantID, RecordingID: m.ID, UserID: c.ID, Client: c.Client,
		Kind: row.Kind, ContentType: row.ContentType, Size: row.Size, SHA256: row.SHA256, DestinationURL: destinationURL,
		CreatedAt: now, ExpiresAt: now.Add(DownloadTTL)}
	v := s.view(d)
	var body []byte
	if destinationURL != "" {
		if body, err = s.renderer.DownloadBody(v); err != nil {
			return nil, err
		}
	}
	err = s.store.Write(ctx, func(tx store.Tx) error {
		if err := tx.DownloadCreate(ctx, d); err != nil {
			return err
		}
		if destinationURL == "" {
			return nil
		}
		secret, err := s.callbackSecret(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		cb := &fathom.Delivery{TenantID: c.TenantID, UserID: c.ID, Kind: fathom.DeliveryCallback, MeetingID: m.ID,
			URL: destinationURL, Secret: secret, MessageID: webhook.NewMessageID(), Body: body,
			Status: fathom.DeliveryPending, CreatedAt: s.now()}
		if err := tx.DeliveryCreate(ctx, cb); err != nil {
			return err
		}
		return s.queue.EnqueueDeliveryTx(ctx, tx, cb.TenantID, cb.ID, false)
	})
	if err != nil {
		return nil, err
	}
	s.logger.Info("recording download", "download", d.ID, "recording", m.ID, "client", c.Client, "callback", destinationURL != "")
	return v, nil
}

// GetDownload returns a download of a recording the caller can see; only
// the API client that made it may read it (spec §8.8).
func (s *Service) GetDownload(ctx context.Context, c *Caller, recordingID int64, downloadID string) (*DownloadView, error) {
	m, err := s.get(ctx, c, recordingID)
	if err != nil {
		return nil, err
	}
	d, err := s.store.DownloadGet(ctx, c.TenantID, downloadID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && d.RecordingID != m.ID) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "download_id: no download %q of recording %d", downloadID, m.ID)
	}
	if err != nil {
		return nil, err
	}
	if d.Client != c.Client {
		return nil, fathom.Errorf(fathom.EFORBIDDEN, "download_id: download %q was made by another API client; only that client may read it", downloadID)
	}
	return s.view(d), nil
}

func (s *Service) view(d *fathom.Download) *DownloadView {
	v := &DownloadView{Download: d, Status: d.Status(s.now())}
	if v.Status == fathom.DownloadCompleted {
		v.URL = s.signedURL(d)
	}
	return v
}

// The signed link of a download's file:
//
//	/external/v1/recordings/<recording>/downloads/<download>/<kind>?tenant=<id>&expires=<unix>&signature=<sig>
//
// sig is base64url(HMAC-SHA256(key, "<tenant>.<download>.<kind>.<expires>")),
// key derived from the server's secret key, the same on every server.

// DownloadPath is the path of a download's file.
func DownloadPath(recordingID int64, downloadID, kind string) string {
	return "/external/v1/recordings/" + strconv.FormatInt(recordingID, 10) + "/downloads/" + url.PathEscape(downloadID) + "/" + kind
}

func (s *Service) signedURL(d *fathom.Download) string {
	exp := d.ExpiresAt.Unix()
	q := url.Values{"tenant": {strconv.FormatInt(d.TenantID, 10)}, "expires": {strconv.FormatInt(exp, 10)},
		"signature": {s.signature(d.TenantID, d.ID, d.Kind, exp)}}
	return s.cfg.Links.Base + DownloadPath(d.RecordingID, d.ID, d.Kind) + "?" + q.Encode()
}

func (s *Service) signature(tenantID int64, downloadID, kind string, expires int64) string {
	mac := hmac.New(sha256.New, s.cfg.URLKey)
	fmt.Fprintf(mac, "%d.%s.%s.%d", tenantID, downloadID, kind, expires)
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// FileParams are what a signed download link carries.
type FileParams struct {
	RecordingID int64
	DownloadID  string
	Kind        string
	Tenant      string
	Expires     string
	Signature   string
}

var errBadSignature = fathom.Errorf(fathom.EFORBIDDEN, "signature: this download link is not valid (altered or incomplete)")

// OpenDownloadFile opens the file behind a signed download link, with no
// credentials but the link's signature: 403 when it does not match, 410
// once it expired or the recording's media changed since. The caller
// closes the file.
func (s *Service) OpenDownloadFile(ctx context.Context, p FileParams) (*MediaFile, error) {
	if s.media == nil || len(s.cfg.URLKey) == 0 {
		return nil, errNoMediaDir
	}
	tenantID, err1 := strconv.ParseInt(p.Tenant, 10, 64)
	expires, err2 := strconv.ParseInt(p.Expires, 10, 64)
	if err1 != nil || err2 != nil {
		return nil, errBadSignature
	}
	want := s.signature(tenantID, p.DownloadID, p.Kind, expires)
	if !hmac.Equal([]byte(want), []byte(p.Signature)) {
		return nil, errBadSignature
	}
	if !s.now().Before(time.Unix(expires, 0)) {
		return nil, fathom.Errorf(fathom.EGONE, "expires: this download link expired at %s; make a new download",
			time.Unix(expires, 0).UTC().Format(time.RFC3339))
	}
	d, err := s.store.DownloadGet(ctx, tenantID, p.DownloadID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (d.RecordingID != p.RecordingID || d.Kind != p.Kind)) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "no download %q of recording %d", p.DownloadID, p.RecordingID)
	}
	if err != nil {
		return nil, err
	}
	row, err := s.store.MediaGet(ctx, tenantID, d.RecordingID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && row.SHA256 != d.SHA256) {
		return nil, fathom.Errorf(fathom.EGONE, "the media of recording %d changed since this download was made; make a new download", d.RecordingID)
	}
	if err != nil {
		return nil, err
	}
	return s.openFile(row)
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// newDownloadID is dl_ and 30 base62 characters from crypto/rand, like
// Fathom's dl_CJAj1YPuruCgWHaKgEBv6Mb1UsNj8x.
func newDownloadID() string {
	b := make([]byte, 30)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(base62))))
		if err != nil {
			panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
		}
		b[i] = base62[n.Int64()]
	}
	return "dl_" + string(b)
}
