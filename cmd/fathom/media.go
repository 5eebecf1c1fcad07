package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/client"
)

// openMedia opens a media file for upload; the type is contentType, or
// left to the server to read from the bytes.
func openMedia(path, contentType string) (*os.File, client.Media, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, client.Media{}, err
	}
	return f, client.Media{Body: f, ContentType: contentType, FileName: filepath.Base(path)}, nil
}

// setMedia is "meetings media RECORDING_ID FILE": upload a recording's
// audio or video, replacing any it had.
func setMedia(ctx context.Context, env *environment, r *remote, c *client.Client, id int64, path, contentType string) error {
	f, m, err := openMedia(path, contentType)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := c.PutRecordingMedia(ctx, id, m)
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, info, func(tw *tabwriter.Writer) {
		fmt.Fprintf(tw, "Recording:\t%d\nKind:\t%s\nContent type:\t%s\nSize:\t%d bytes\nSHA-256:\t%s\n",
			info.RecordingID, info.Kind, info.ContentType, info.SizeBytes, info.SHA256)
	})
}

// download is "meetings download RECORDING_ID [DOWNLOAD_ID]": make a
// download (or read one back) and, with output, save its file there.
func download(ctx context.Context, env *environment, r *remote, c *client.Client, id int64, downloadID, destination, output string) error {
	var d *client.RecordingDownload
	var err error
	if downloadID != "" {
		d, err = c.GetRecordingDownload(ctx, id, downloadID)
	} else {
		d, err = c.CreateRecordingDownload(ctx, id, destination)
	}
	if err != nil {
		return clientError(err)
	}
	if err := r.print(env.stdout, d, func(tw *tabwriter.Writer) {
		fmt.Fprintf(tw, "Download:\t%s\nRecording:\t%d\nStatus:\t%s\n", d.DownloadID, d.RecordingID, d.Status)
		if f := d.File(); f != nil {
			fmt.Fprintf(tw, "Content type:\t%s\nSize:\t%d bytes\nExpires:\t%s\nURL:\t%s\n", f.ContentType, f.FileSizeBytes,
				f.ExpiresAt.Local().Format(time.RFC1123), f.URL)
		}
	}); err != nil {
		return err
	}
	if output == "" {
		return nil
	}
	f := d.File()
	if f == nil {
		return fmt.Errorf("download %s is %s: it has no file to save", d.DownloadID, d.Status)
	}
	return saveURL(ctx, f.URL, output)
}

// saveURL writes what a signed link serves to path, through a temporary
// file renamed when complete.
func saveURL(ctx context.Context, link, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return connectError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("download link answered %d: %s", resp.StatusCode, body)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fathom-download-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, resp.Body); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// parseRecordingID reads a RECORDING_ID argument.
func parseRecordingID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, errors.New("RECORDING_ID must be a positive integer, got " + strconv.Quote(s))
	}
	return id, nil
}
