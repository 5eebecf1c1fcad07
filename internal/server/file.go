package server

import (
	"io"
	"net/http"
	"time"
)

// ServeFile streams content with http.ServeContent (ranges, conditional
// requests, HEAD), never cached by shared caches and never sniffed. A
// download is offered as an attachment named name; otherwise the browser
// may play it in the page.
func ServeFile(w http.ResponseWriter, r *http.Request, name, contentType string, modTime time.Time, content io.ReadSeeker, download bool) {
	w.Header().Set("Content-Type", contentType)
	disposition := "inline"
	if download {
		disposition = "attachment"
	}
	w.Header().Set("Content-Disposition", disposition+`; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, modTime, content)
}
