package openapi

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// TestDocuments: every YAML file is a served document, and each converts
// to JSON that says OpenAPI 3.1 and has paths.
func TestDocuments(t *testing.T) {
	all, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	yamls, _ := fs.Glob(files, "*.yaml")
	for _, f := range yamls {
		if !slices.Contains(Names, strings.TrimSuffix(f, ".yaml")) {
			t.Errorf("%s is embedded but not in Names, so not served", f)
		}
	}
	for _, name := range Names {
		var doc struct {
			OpenAPI string         `json:"openapi"`
			Paths   map[string]any `json:"paths"`
		}
		if err := json.Unmarshal(all[name].JSON, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.HasPrefix(doc.OpenAPI, "3.1.") || len(doc.Paths) == 0 {
			t.Errorf("%s: openapi %q with %d paths", name, doc.OpenAPI, len(doc.Paths))
		}
	}
}

func TestToJSONRefusesNonStringKeys(t *testing.T) {
	if _, err := toJSON([]byte("1: one\n")); err == nil {
		t.Fatal("a YAML mapping with an integer key converted to JSON")
	}
}
