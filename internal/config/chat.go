package config

import "time"

// validateChat checks the chat model options: those of its endpoint (see
// endpoint.validate).
func (c *Config) validateChat() []error {
	return endpoint{name: "chat", url: c.ChatURL, model: c.ChatModel, key: c.ChatKey,
		timeout: c.ChatTimeout, maxTimeout: 30 * time.Minute}.validate()
}
