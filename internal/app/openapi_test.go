package app_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/openapi"
)

// baseTransport is the transport before TestMain wraps it.
var baseTransport = http.DefaultTransport

// mismatches are the answers, in any test of the package, that the OpenAPI
// documents do not describe.
var mismatches struct {
	sync.Mutex
	list []string
}

// TestMain checks every answer the end-to-end tests get from a server
// through the default transport (http.DefaultClient, http.Get, clients
// without a transport of their own) against the OpenAPI documents, and
// fails the run when one does not match.
func TestMain(m *testing.M) {
	c, err := loadContract()
	if err != nil {
		fmt.Fprintln(os.Stderr, "openapi:", err)
		os.Exit(1)
	}
	http.DefaultTransport = &checkingTransport{base: baseTransport, contract: c, fail: func(err error) {
		mismatches.Lock()
		defer mismatches.Unlock()
		mismatches.list = append(mismatches.list, err.Error())
	}}
	code := m.Run()
	if len(mismatches.list) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d answers do not match the OpenAPI documents (internal/openapi):\n", len(mismatches.list))
		for _, s := range mismatches.list {
			fmt.Fprintln(os.Stderr, "  ", s)
		}
		code = 1
	}
	os.Exit(code)
}

// TestOpenAPIRoutes compares the routes the server registers with the
// documents: every route is documented and every documented operation is
// a route.
func TestOpenAPIRoutes(t *testing.T) {
	c, err := loadContract()
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t)
	cfg.MetricsToken = contractMetricsToken // so that GET /metrics is a route
	s := start(t, cfg)
	registered := map[string]bool{}
	for _, p := range s.Routes() {
		// "GET /{$}" is the path "/" alone, as OpenAPI's "/" is.
		registered[strings.TrimSuffix(p, "{$}")] = true
	}
	documented := map[string]bool{} // "METHOD /path" and "/path" (any method)
	prefixes := map[string]bool{}   // subtrees: not-found prefixes and x-subtree paths
	for _, name := range openapi.Names {
		doc := c.docs[name]
		if p := notFoundPrefix(doc); p != "" {
			prefixes[p] = true
		}
		for path, item := range doc.Paths.Map() {
			documented[path] = true
			if sub, _ := item.Extensions["x-subtree"].(bool); sub {
				// /fathom/{nativePath} is the subtree /fathom/ for every method.
				prefix := path[:strings.LastIndex(path, "{")]
				prefixes[prefix] = true
				if !registered[prefix] {
					t.Errorf("%s.yaml documents the subtree %s, which the server does not register", name, prefix)
				}
				continue
			}
			for method := range item.Operations() {
				documented[method+" "+path] = true
				if !registered[method+" "+path] {
					t.Errorf("%s.yaml documents %s %s, which the server does not register", name, method, path)
				}
			}
		}
	}
	for p := range registered {
		method, path, ok := strings.Cut(p, " ")
		switch {
		case ok && documented[method+" "+path]:
		case !ok && strings.HasSuffix(p, "/") && prefixes[p]:
		case !ok && documented[p]:
			// Any other method on a documented path: the API's 405.
		default:
			t.Errorf("the server registers %q, which no OpenAPI document (internal/openapi/*.yaml) describes", p)
		}
	}
	if len(registered) < 30 {
		t.Fatalf("only %d routes registered: %v", len(registered), s.Routes())
	}
}

// TestOpenAPIServed fetches every document as JSON and YAML: public,
// cacheable, revalidated by ETag, and the same as the embedded one.
func TestOpenAPIServed(t *testing.T) {
	s := start(t, testConfig(t))
	all, err := openapi.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range openapi.Names {
		for _, ext := range []string{"json", "yaml"} {
			u := s.URL + "/openapi/" + name + "." + ext
			resp, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := all[name].JSON
			if ext == "yaml" {
				want = all[name].YAML
			}
			tag := resp.Header.Get("ETag")
			if resp.StatusCode != http.StatusOK || !slices.Equal(body, want) || tag == "" ||
				!strings.HasPrefix(resp.Header.Get("Cache-Control"), "public") ||
				!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/"+ext) {
				t.Fatalf("GET %s = %d %v (%d bytes)", u, resp.StatusCode, resp.Header, len(body))
			}
			req, _ := http.NewRequest(http.MethodGet, u, nil)
			req.Header.Set("If-None-Match", tag)
			again, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			again.Body.Close()
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("GET %s with If-None-Match %s = %d, want 304", u, tag, again.StatusCode)
			}
		}
	}
	if r := s.get(t, "/openapi/nothing.json", ""); r.Status != http.StatusNotFound || r.Body["code"] != "not_found" {
		t.Errorf("unknown document = %d %s", r.Status, r.Raw)
	}
	if r := s.get(t, "/openapi/context.xml", ""); r.Status != http.StatusNotFound {
		t.Errorf("unknown form = %d %s", r.Status, r.Raw)
	}
}
