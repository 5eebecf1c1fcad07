// Package openapi holds the OpenAPI 3.1 documents of the server's APIs and
// serves them, without authentication, at /openapi/{name}.json and
// /openapi/{name}.yaml. The documents are written by hand in YAML next to
// this file and are the public contract: internal/app's tests check that
// they describe every route the server registers, and validate the real
// server's responses against them. The package holds no API's behaviour.
package openapi

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/fathom-oss/fathom/internal/server"
)

//go:embed *.yaml
var files embed.FS

// Names are the documents, one per API: the Context API, the meetings API
// (Fathom External API v1), the OAuth 2.0 authorization server, the
// gateway, the web pages, and the server's own routes (health, these
// documents).
var Names = []string{"context", "meetings", "oauth", "gateway", "web", "server"}

// Document is one served document in both forms.
type Document struct {
	Name string
	YAML []byte
	JSON []byte

	jsonTag, yamlTag string
}

var (
	loadOnce sync.Once
	docs     map[string]*Document
	loadErr  error
)

// Documents returns every document, parsed once; an error means a YAML
// file does not parse, which the package's tests catch.
func Documents() (map[string]*Document, error) {
	loadOnce.Do(func() { docs, loadErr = load() })
	return docs, loadErr
}

func load() (map[string]*Document, error) {
	out := make(map[string]*Document, len(Names))
	for _, name := range Names {
		y, err := files.ReadFile(name + ".yaml")
		if err != nil {
			return nil, err
		}
		j, err := toJSON(y)
		if err != nil {
			return nil, fmt.Errorf("openapi %s.yaml: %w", name, err)
		}
		out[name] = &Document{Name: name, YAML: y, JSON: j, jsonTag: etag(j), yamlTag: etag(y)}
	}
	return out, nil
}

// etag is a strong validator of one representation: a hash of its bytes.
func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// toJSON converts a YAML document to indented JSON. Keys must be strings,
// as JSON's are.
func toJSON(y []byte) ([]byte, error) {
	var v any
	if err := yaml.Unmarshal(y, &v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Register mounts GET /openapi/{file} on mux.
func Register(mux *server.Mux) {
	mux.HandleFunc("GET /openapi/{file}", serve)
}

// maxAge is how long a client or proxy may keep a document without asking
// again; the ETag (a hash of the document) answers the revalidation.
const maxAge = "public, max-age=300"

func serve(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, ext, _ := strings.Cut(file, ".")
	all, err := Documents()
	d, ok := all[name]
	if err != nil || !ok || (ext != "json" && ext != "yaml") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		b, _ := json.Marshal(map[string]string{"error": fmt.Sprintf("no document %q: the documents are %s, as .json or .yaml",
			file, strings.Join(Names, ", ")), "code": "not_found"})
		_, _ = w.Write(append(b, '\n'))
		return
	}
	body, ctype, tag := d.JSON, "application/json", d.jsonTag
	if ext == "yaml" {
		body, ctype, tag = d.YAML, "application/yaml", d.yamlTag
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", maxAge)
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("ETag", tag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
