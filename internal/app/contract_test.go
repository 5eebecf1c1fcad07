package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/fathom-oss/fathom/internal/openapi"
)

// contract is the server's OpenAPI documents, loaded and checked by
// kin-openapi, with a router per document to find the operation a request
// went to and validate its response.
type contract struct {
	docs    map[string]*openapi3.T
	routers map[string]routers.Router
	// subtrees are the prefixes of paths marked x-subtree
	// (/fathom/{nativePath} is /fathom/ and everything below it).
	subtrees []string
}

var (
	contractOnce sync.Once
	contractErr  error
	theContract  *contract
)

// loadContract parses the embedded documents once (they are what the
// server serves; TestOpenAPIServed checks that).
func loadContract() (*contract, error) {
	contractOnce.Do(func() { theContract, contractErr = newContract() })
	return theContract, contractErr
}

func newContract() (*contract, error) {
	// The consent and sign-in pages are HTML: their bodies are checked as
	// strings.
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.FileBodyDecoder)
	all, err := openapi.Documents()
	if err != nil {
		return nil, err
	}
	c := &contract{docs: map[string]*openapi3.T{}, routers: map[string]routers.Router{}}
	for _, name := range openapi.Names {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(all[name].JSON)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := doc.Validate(loader.Context); err != nil {
			return nil, fmt.Errorf("%s is not a valid OpenAPI document: %w", name, err)
		}
		if c.routers[name], err = gorillamux.NewRouter(doc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c.docs[name] = doc
		for path, item := range doc.Paths.Map() {
			if sub, _ := item.Extensions["x-subtree"].(bool); sub {
				c.subtrees = append(c.subtrees, path[:strings.LastIndex(path, "{")])
			}
		}
	}
	return c, nil
}

// notFoundPrefix is the subtree a document answers for with its Error
// schema when no route matches (x-not-found-prefix), "" when none.
func notFoundPrefix(doc *openapi3.T) string {
	p, _ := doc.Extensions["x-not-found-prefix"].(string)
	return p
}

// check validates one answer of the server: its status, headers and body
// against the operation the request went to, which it returns ("name
// METHOD /path", "" when none). Answers that are not the server's (no
// X-Request-Id: a test's own upstream) are not checked.
func (c *contract) check(req *http.Request, status int, header http.Header, body []byte) (string, error) {
	if header.Get("X-Request-Id") == "" || req.Method == http.MethodHead {
		return "", nil
	}
	for _, prefix := range c.subtrees {
		if rest, ok := strings.CutPrefix(req.URL.Path, prefix); ok {
			// One path segment for the router, as OpenAPI's {param} is.
			req = req.Clone(req.Context())
			req.URL.Path, req.URL.RawPath = prefix+url.PathEscape(rest), ""
		}
	}
	methodNotAllowed := false // a documented path, another method
	for _, name := range openapi.Names {
		route, params, err := c.routers[name].FindRoute(req)
		if err != nil {
			methodNotAllowed = methodNotAllowed || errors.Is(err, routers.ErrMethodNotAllowed)
			continue
		}
		op := name + " " + route.Method + " " + route.Path
		if status < 300 {
			// The server took the request: the document must take it too.
			if err := c.checkRequest(req, route, params); err != nil {
				return op, fmt.Errorf("%s %s → %d, but the request does not match %s.yaml: %s", req.Method, req.URL.RequestURI(), status, name, brief(err))
			}
		}
		err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
			Status:                 status, Header: header, Body: io.NopCloser(bytes.NewReader(body)),
			Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
		})
		if err != nil {
			return op, fmt.Errorf("%s %s → %d does not match %s.yaml: %s (body %.200q)", req.Method, req.URL.RequestURI(), status, name, brief(err), body)
		}
		return op, nil
	}
	// No operation: an unknown path or method under an API's prefix is
	// answered with that API's error body.
	for _, name := range openapi.Names {
		doc := c.docs[name]
		prefix := notFoundPrefix(doc)
		if prefix == "" || !strings.HasPrefix(req.URL.Path, prefix) {
			continue
		}
		if status != http.StatusNotFound && status != http.StatusMethodNotAllowed {
			return "", fmt.Errorf("%s %s → %d: no operation in %s.yaml, and not a 404 or 405", req.Method, req.URL.Path, status, name)
		}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return "", fmt.Errorf("%s %s → %d: body is not JSON: %.200q", req.Method, req.URL.Path, status, body)
		}
		if err := doc.Components.Schemas["Error"].Value.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
			return "", fmt.Errorf("%s %s → %d is not %s.yaml's Error: %s (body %.200q)", req.Method, req.URL.Path, status, name, brief(err), body)
		}
		return "", nil
	}
	if methodNotAllowed && status == http.StatusMethodNotAllowed {
		return "", nil // another method on a documented path (/healthz, /readyz)
	}
	return "", fmt.Errorf("%s %s → %d: no document describes this route", req.Method, req.URL.Path, status)
}

// checkRequest validates a request the server accepted: parameters, and
// the body when it can be read again. Credentials are the server's to
// check, not the document's.
func (c *contract) checkRequest(req *http.Request, route *routers.Route, params map[string]string) error {
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			// A streamed body, already sent: the parameters only.
			in.Options.ExcludeRequestBody = true
			req = req.Clone(req.Context())
			req.Body, req.ContentLength = http.NoBody, 0
			in.Request = req
		} else {
			body, err := req.GetBody()
			if err != nil {
				return err
			}
			req = req.Clone(req.Context())
			req.Body = body
			in.Request = req
		}
	}
	return openapi3filter.ValidateRequest(context.Background(), in)
}

// brief says what failed without the schema and value dumps of
// kin-openapi's messages: the reason and where in the body.
func brief(err error) string {
	var me openapi3.MultiError
	var re *openapi3filter.ResponseError
	var se *openapi3.SchemaError
	switch {
	case errors.As(err, &me):
		parts := make([]string, len(me))
		for i, e := range me {
			parts[i] = brief(e)
		}
		return strings.Join(parts, "; ")
	case errors.As(err, &se):
		return "at /" + strings.Join(se.JSONPointer(), "/") + ": " + se.Reason
	case errors.As(err, &re) && re.Err != nil:
		return re.Reason + ": " + brief(re.Err)
	}
	s := err.Error()
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// operations lists every documented operation as "name METHOD /path".
func (c *contract) operations() []string {
	var out []string
	for name, doc := range c.docs {
		for path, item := range doc.Paths.Map() {
			for method := range item.Operations() {
				out = append(out, name+" "+method+" "+path)
			}
		}
	}
	slices.Sort(out)
	return out
}

// checkingTransport validates every answer of the server that passes
// through it and reports the mismatches to fail.
type checkingTransport struct {
	base     http.RoundTripper
	contract *contract
	fail     func(error)

	mu      sync.Mutex
	covered map[string]bool // operations answered, "name METHOD /path"
}

func (t *checkingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	op, err := t.contract.check(req, resp.StatusCode, resp.Header, body)
	if err != nil {
		t.fail(err)
	}
	if op != "" {
		t.mu.Lock()
		if t.covered == nil {
			t.covered = map[string]bool{}
		}
		t.covered[op] = true
		t.mu.Unlock()
	}
	return resp, nil
}
