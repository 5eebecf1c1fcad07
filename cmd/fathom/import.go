package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/transcript"
)

const importSynopsis = `import [flags] FILE|DIR...

Imports meeting transcripts into a running server through its meetings API:
WebVTT (.vtt), SubRip (.srt), plain "Speaker: text" files (.txt) and QMSum
JSON (.json). Directories are walked. The title comes from the file name,
the recording times from the file's modification time and the transcript's
length, the recorder is the key's user unless --recorded-by says otherwise.
Importing the same file twice makes one recording: its content is the key.
With --media FILE (one transcript only), the recording's audio or video file
goes with it (and is set on the recording when the transcript was imported
before).`

func runImport(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "import", importSynopsis)
	url := fs.String("url", cmp.Or(env.getenv("FATHOM_URL"), client.DefaultBaseURL), "server URL (env FATHOM_URL)")
	key := secretString(fs, env, "key", "FATHOM_API_KEY", "API `key`")
	recordedBy := fs.String("recorded-by", "", "email of the workspace user who recorded the meetings (default: the key's user)")
	teams := fs.String("share-teams", "", "comma-separated teams to share the recordings with")
	parallel := fs.Int("parallel", 4, "files sent at once")
	meetingType := fs.String("meeting-type", "", "meeting type of the recordings (a new name joins the workspace's meeting types)")
	meetingURL := fs.String("meeting-url", "", "conferencing join URL of the recordings")
	mediaFile := fs.String("media", "", "audio or video `file` of the recording (with one transcript file)")
	mediaType := fs.String("media-type", "", "the media file's type, e.g. audio/mpeg (default: read from the bytes)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *key == "" {
		fmt.Fprint(env.stderr, "fathom import: an API key is required (--key or FATHOM_API_KEY)\n")
		return errUsage
	}
	files, err := importFiles(fs.Args())
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprint(env.stderr, "fathom import: give one or more transcript files or directories\n")
		return errUsage
	}
	if *mediaFile != "" && len(files) != 1 {
		fmt.Fprintf(env.stderr, "fathom import: --media goes with one transcript file, got %d\n", len(files))
		return errUsage
	}
	c, err := client.New(client.WithBaseURL(*url), client.WithAPIKey(*key), client.WithRateLimit(0, 0))
	if err != nil {
		return err
	}
	imp := &importer{c: c, recordedBy: *recordedBy, meetingType: *meetingType, meetingURL: *meetingURL,
		media: *mediaFile, mediaType: *mediaType, progress: newProgress(env.stderr, len(files))}
	if *teams != "" {
		imp.share = &client.Share{Teams: strings.Split(*teams, ",")}
	}
	start := time.Now()
	imp.run(ctx, files, max(1, *parallel))
	imp.progress.done()
	failed := len(imp.failures)
	notTried := len(files) - int(imp.created.Load()+imp.existing.Load()) - failed
	fmt.Fprintf(env.stdout, "Imported %d of %d files in %s: %d new recordings, %d already present, %d failed, %d not tried.\n",
		len(files)-notTried-failed, len(files), time.Since(start).Round(time.Millisecond), imp.created.Load(), imp.existing.Load(), failed, notTried)
	for _, f := range imp.failures {
		fmt.Fprintf(env.stderr, "  %s\n", f)
	}
	switch {
	case notTried > 0:
		// Recordings are keyed by their content, so running the same
		// command again adds only what is missing.
		return fmt.Errorf("interrupted: %d of %d files were never tried (%d failed). Run the same command again to resume: files already imported are recognised and skipped",
			notTried, len(files), failed)
	case failed > 0:
		return fmt.Errorf("%d of %d files failed", failed, len(files))
	}
	return nil
}

// importFiles expands directories into the transcript files they hold.
func importFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".vtt", ".srt", ".txt", ".json":
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

type importer struct {
	c          *client.Client
	recordedBy string
	// meetingType and meetingURL go on every recording ("" none).
	meetingType, meetingURL string
	// media and mediaType are the audio or video file of the one
	// transcript imported ("" none) and its type ("" read from the bytes).
	media, mediaType string
	share            *client.Share
	progress         *progress

	created, existing atomic.Int64
	mu                sync.Mutex
	failures          []string
}

func (imp *importer) run(ctx context.Context, files []string, parallel int) {
	work := make(chan string)
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				if err := imp.one(ctx, f); err != nil {
					if ctx.Err() != nil {
						continue // interrupted: counted as not tried
					}
					imp.mu.Lock()
					imp.failures = append(imp.failures, f+": "+err.Error())
					imp.mu.Unlock()
				}
				imp.progress.add()
			}
		}()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		work <- f
	}
	close(work)
	wg.Wait()
}

func (imp *importer) one(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	doc, err := transcript.Parse(filepath.Base(path), data)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	end := info.ModTime().UTC().Truncate(time.Second)
	start := end.Add(-doc.Duration).Truncate(time.Second)
	in := client.RecordingInput{ExternalID: "import:" + hex.EncodeToString(sum[:16]), Title: doc.Title,
		MeetingType: imp.meetingType, MeetingURL: imp.meetingURL,
		RecordedBy: imp.recordedBy, RecordingStartTime: &start, RecordingEndTime: &end, Share: imp.share,
		Transcript: make([]client.TranscriptItem, len(doc.Items))}
	for i, it := range doc.Items {
		in.Transcript[i] = client.TranscriptItem{Speaker: client.Speaker{DisplayName: it.Speaker}, Text: it.Text,
			Timestamp: transcript.FormatTimestamp(it.At)}
	}
	var created bool
	if imp.media != "" {
		mf, m, openErr := openMedia(imp.media, imp.mediaType)
		if openErr != nil {
			return openErr
		}
		defer mf.Close()
		var rec *client.Meeting
		rec, created, err = imp.c.CreateRecordingWithMedia(ctx, in, m)
		if err == nil && !created {
			// Imported before, perhaps without its file: the server kept
			// the first recording and dropped this file, so set it.
			if _, err = mf.Seek(0, io.SeekStart); err == nil {
				_, err = imp.c.PutRecordingMedia(ctx, rec.RecordingID, m)
			}
		}
	} else {
		_, created, err = imp.c.CreateRecording(ctx, in)
	}
	var ce *client.Error
	if errors.As(err, &ce) {
		return errors.New(ce.Message)
	}
	if err != nil {
		return connectError(err)
	}
	if created {
		imp.created.Add(1)
	} else {
		imp.existing.Add(1)
	}
	return nil
}
