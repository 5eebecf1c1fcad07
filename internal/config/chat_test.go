package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestChatOptions(t *testing.T) {
	t.Parallel()
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte("sk-chat-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string // "" when valid
	}{
		{"off by default", nil, nil, ""},
		{"url and model", nil, []string{"--chat-url", "http://127.0.0.1:11434/v1", "--chat-model", "llama3.2"}, ""},
		{"key from file", map[string]string{"FATHOM_CHAT_URL": "https://api.example.com/v1", "FATHOM_CHAT_MODEL": "m",
			"FATHOM_CHAT_KEY_FILE": keyFile}, nil, ""},
		{"url without model", nil, []string{"--chat-url", "http://127.0.0.1:1/v1"}, "--chat-model"},
		{"model without url", nil, []string{"--chat-model", "m"}, "--chat-url"},
		{"not a url", nil, []string{"--chat-url", "127.0.0.1:1", "--chat-model", "m"}, "--chat-url"},
		{"timeout too short", nil, []string{"--chat-timeout", "1ms"}, "--chat-timeout"},
		{"key without url", map[string]string{"FATHOM_CHAT_KEY_FILE": keyFile}, nil, "--chat-url"},
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
			if err != nil && strings.Contains(err.Error(), "sk-chat-file") {
				t.Errorf("an error shows the key: %v", err)
			}
			if tt.name == "key from file" && cfg.ChatKey != "sk-chat-file" {
				t.Errorf("key = %q", cfg.ChatKey)
			}
			if tt.name == "off by default" && (cfg.ChatURL != "" || cfg.ChatTimeout != 2*time.Minute) {
				t.Errorf("defaults %+v", cfg)
			}
		})
	}
}
