package app

import (
	"fmt"

	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/summary"
)

// summariser builds the chat model that writes meeting summaries from
// --chat-url, or none (nil), the default, in which case summaries are
// extractive and nothing leaves the machine.
func (a *App) summariser() (meeting.Summariser, error) {
	if a.cfg.ChatURL == "" {
		return nil, nil
	}
	c, err := provider.NewChatClient(provider.ChatConfig{URL: a.cfg.ChatURL, Model: a.cfg.ChatModel,
		Key: a.cfg.ChatKey, Timeout: a.cfg.ChatTimeout, Logger: a.logger})
	if err != nil {
		return nil, fmt.Errorf("--chat-url: %w", err)
	}
	a.logger.Info("chat model configured for summaries", "model", c.Name(), "url", provider.RedactURL(a.cfg.ChatURL))
	return summary.Model{Chat: c}, nil
}
