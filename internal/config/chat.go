package config

import (
	"fmt"
	"net/url"
	"time"
)

// validateChat checks the chat model options: a URL needs a model, and a
// model or key needs a URL.
func (c *Config) validateChat() []error {
	var errs []error
	bad := func(flag, format string, args ...any) {
		errs = append(errs, fmt.Errorf("--%s (%s): %s", flag, envName(flag), fmt.Sprintf(format, args...)))
	}
	if c.ChatURL != "" {
		// The URL is shown only when it does not parse: it may hold user
		// info.
		if u, err := url.Parse(c.ChatURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("chat-url", "must be an absolute http or https URL")
		}
		if c.ChatModel == "" {
			bad("chat-model", "must be set with --chat-url")
		}
	} else if c.ChatModel != "" || c.ChatKey != "" {
		bad("chat-url", "must be set with --chat-model or --chat-key")
	}
	if c.ChatTimeout < 10*time.Millisecond || c.ChatTimeout > 30*time.Minute {
		bad("chat-timeout", "must be between 10ms and 30m, got %s", c.ChatTimeout)
	}
	return errs
}
