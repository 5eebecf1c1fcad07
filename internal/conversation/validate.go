package conversation

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Limits of the contract, exported so the HTTP layer can document them.
const (
	MaxConversationID = 256      // characters
	MaxUserID         = 256      // characters
	MaxMessages       = 10       // per track request
	MaxContentBytes   = 32 << 10 // per message
	MaxQueryBytes     = 8 << 10  // similarity message
	MaxNotesBytes     = 32 << 10 // resolution notes
	DefaultLimit      = 10       // similarity results
	MaxLimit          = 100      // similarity results
	MaxIdempotencyKey = 255      // bytes
)

func invalid(format string, args ...any) error {
	return fathom.Errorf(fathom.EINVALID, format, args...)
}

func validateConversationID(id string) error {
	switch n := utf8.RuneCountInString(id); {
	case strings.TrimSpace(id) == "":
		return invalid("conversationId is required")
	case !utf8.ValidString(id):
		return invalid("conversationId must be valid UTF-8")
	case n > MaxConversationID:
		return invalid("conversationId must be at most %d characters", MaxConversationID)
	}
	return nil
}

func (p *TrackParams) validate() error {
	if err := validateConversationID(p.ConversationID); err != nil {
		return err
	}
	switch n := len(p.Messages); {
	case n == 0:
		return invalid("messages must contain at least 1 message")
	case n > MaxMessages:
		return invalid("messages must contain at most %d messages, got %d", MaxMessages, n)
	}
	for i, m := range p.Messages {
		field := fmt.Sprintf("messages[%d]", i)
		if m.Role != fathom.RoleUser && m.Role != fathom.RoleAssistant {
			return invalid(`%s.role must be "user" or "assistant"`, field)
		}
		switch {
		case strings.TrimSpace(m.Content) == "":
			return invalid("%s.content must be a non-empty string", field)
		case len(m.Content) > MaxContentBytes:
			return invalid("%s.content must be at most %d bytes, got %d", field, MaxContentBytes, len(m.Content))
		case !utf8.ValidString(m.Content):
			return invalid("%s.content must be valid UTF-8", field)
		}
	}
	if utf8.RuneCountInString(p.UserID) > MaxUserID {
		return invalid("userId must be at most %d characters", MaxUserID)
	}
	if !utf8.ValidString(p.UserID) {
		return invalid("userId must be valid UTF-8")
	}
	return validateIdempotencyKey(p.IdempotencyKey)
}

func (p *ResolveParams) validate() error {
	if err := validateConversationID(p.ConversationID); err != nil {
		return err
	}
	if p.ResolutionNotes != nil && len(*p.ResolutionNotes) > MaxNotesBytes {
		return invalid("resolutionNotes must be at most %d bytes", MaxNotesBytes)
	}
	if p.ResolutionNotes != nil && !utf8.ValidString(*p.ResolutionNotes) {
		return invalid("resolutionNotes must be valid UTF-8")
	}
	return validateIdempotencyKey(p.IdempotencyKey)
}

func (p *SimilarParams) validate() error {
	switch {
	case strings.TrimSpace(p.Message) == "":
		return invalid("message is required and must be non-empty")
	case len(p.Message) > MaxQueryBytes:
		return invalid("message must be at most %d bytes, got %d", MaxQueryBytes, len(p.Message))
	case !utf8.ValidString(p.Message):
		return invalid("message must be valid UTF-8")
	}
	if p.Limit == nil {
		return nil
	}
	if n := *p.Limit; n < 1 || n > MaxLimit {
		return invalid("limit must be between 1 and %d, got %d", MaxLimit, n)
	}
	return nil
}

func validateIdempotencyKey(k string) error {
	if len(k) > MaxIdempotencyKey {
		return fathom.Errorf(fathom.EINVALID, "Idempotency-Key header must be at most %d bytes", MaxIdempotencyKey)
	}
	return nil
}
