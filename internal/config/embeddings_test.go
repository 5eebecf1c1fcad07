package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEmbeddingsOptions(t *testing.T) {
	t.Parallel()
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte("sk-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string // "" when valid
	}{
		{"off by default", nil, nil, ""},
		{"url and model", nil, []string{"--embeddings-url", "http://127.0.0.1:11434/v1", "--embeddings-model", "nomic-embed-text"}, ""},
		{"key from file", map[string]string{"FATHOM_EMBEDDINGS_URL": "https://api.example.com/v1", "FATHOM_EMBEDDINGS_MODEL": "m",
			"FATHOM_EMBEDDINGS_KEY_FILE": keyFile}, nil, ""},
		{"url without model", nil, []string{"--embeddings-url", "http://127.0.0.1:1/v1"}, "--embeddings-model"},
		{"model without url", nil, []string{"--embeddings-model", "m"}, "--embeddings-url"},
		{"not a url", nil, []string{"--embeddings-url", "127.0.0.1:1", "--embeddings-model", "m"}, "--embeddings-url"},
		{"two sources", nil, []string{"--embeddings-url", "http://h/v1", "--embeddings-model", "m", "--embeddings-model-dir", "/m"}, "--embeddings-model-dir"},
		{"model dir alone", nil, []string{"--embeddings-model-dir", "/models/potion-base-8M"}, ""},
		{"solutions by meaning", nil, []string{"--embeddings-model-dir", "/m", "--solution-meaning-weight", "0.35"}, ""},
		{"solutions by meaning without a model", map[string]string{"FATHOM_SOLUTION_MEANING_WEIGHT": "0.35"}, nil, "--solution-meaning-weight"},
		{"solutions by meaning with a remote model", nil, []string{"--embeddings-url", "http://h/v1", "--embeddings-model", "m",
			"--solution-meaning-weight", "0.35"}, "--solution-meaning-weight"},
		{"solution meaning weight out of range", nil, []string{"--embeddings-model-dir", "/m", "--solution-meaning-weight", "1"}, "--solution-meaning-weight"},
		{"timeout too short", nil, []string{"--embeddings-timeout", "1ms"}, "--embeddings-timeout"},
		// Invalid with a key set: the errors must not show it.
		{"key without url", map[string]string{"FATHOM_EMBEDDINGS_KEY_FILE": keyFile}, nil, "--embeddings-url"},
		{"key with a bad url", map[string]string{"FATHOM_EMBEDDINGS_KEY_FILE": keyFile},
			[]string{"--embeddings-url", "127.0.0.1:1", "--embeddings-model", "m"}, "--embeddings-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := parse(t, tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			err = cfg.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate = %v, want an error naming %s", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "sk-from-file") {
				t.Errorf("an error shows the key: %v", err)
			}
			if tt.name == "key from file" && cfg.EmbeddingsKey != "sk-from-file" {
				t.Errorf("key = %q", cfg.EmbeddingsKey)
			}
			if tt.name == "off by default" && (cfg.EmbeddingsURL != "" || cfg.EmbeddingsModelDir != "" || cfg.EmbeddingsTimeout != time.Second || cfg.SolutionMeaningWeight != 0) {
				t.Errorf("defaults %+v", cfg)
			}
		})
	}
}
