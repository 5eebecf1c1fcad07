package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Message is one turn of a support conversation; Role is "user" or
// "assistant".
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// TrackRequest sends new messages of a conversation.
type TrackRequest struct {
	ConversationID string    `json:"conversationId"`
	Messages       []Message `json:"messages"`
	UserID         string    `json:"userId,omitempty"`
	// IdempotencyKey makes a retried request a no-op (sent as a header).
	IdempotencyKey string `json:"-"`
}

// TrackResult says what a track stored.
type TrackResult struct {
	ConversationID   string `json:"conversationId"`
	MessagesReceived int    `json:"messagesReceived"`
	MessagesAppended int    `json:"messagesAppended"`
	IsIncremental    bool   `json:"isIncremental"`
	Status           string `json:"status"`
	Reopened         bool   `json:"reopened"`
}

// Track appends messages to a conversation, creating it on first use.
func (c *Client) Track(ctx context.Context, req TrackRequest) (*TrackResult, error) {
	var out TrackResult
	if err := c.do(ctx, http.MethodPost, "/api/v1/context/track", req, &out, idempotency(req.IdempotencyKey)); err != nil {
		return nil, err
	}
	return &out, nil
}

// ResolveRequest marks a conversation resolved; empty notes are generated.
type ResolveRequest struct {
	ConversationID  string `json:"conversationId"`
	ResolutionNotes string `json:"resolutionNotes,omitempty"`
	IdempotencyKey  string `json:"-"`
}

// ResolveResult is the stored resolution.
type ResolveResult struct {
	ConversationID  string `json:"conversationId"`
	ResolutionNotes string `json:"resolutionNotes"`
	NotesGenerated  bool   `json:"notesGenerated"`
}

// Resolve marks a conversation resolved.
func (c *Client) Resolve(ctx context.Context, req ResolveRequest) (*ResolveResult, error) {
	var out ResolveResult
	if err := c.do(ctx, http.MethodPost, "/api/v1/context/resolve", req, &out, idempotency(req.IdempotencyKey)); err != nil {
		return nil, err
	}
	return &out, nil
}

// SimilarityRequest asks about a new message; Limit 0 means the server's
// default (10).
type SimilarityRequest struct {
	Message string `json:"message"`
	Limit   int    `json:"limit,omitempty"`
}

// SimilarityResult holds similar past conversations and recommendations.
type SimilarityResult struct {
	Query           string                `json:"query"`
	TotalFound      int                   `json:"totalFound"`
	Conversations   []SimilarConversation `json:"conversations"`
	Recommendations Recommendations       `json:"recommendations"`
	// Retrieval is how the answer was ranked: "lexical" (no embeddings
	// configured), "hybrid" (words and embeddings) or "lexical_fallback"
	// (embeddings configured, the provider did not answer in time). Empty
	// from servers older than the field.
	Retrieval string `json:"retrieval"`
}

// SimilarConversation is one match.
type SimilarConversation struct {
	ConversationID     string              `json:"conversationId"`
	Status             string              `json:"status"`
	Similarity         float64             `json:"similarity"`
	ResolutionNotes    *string             `json:"resolutionNotes"`
	IssueDetails       *IssueDetails       `json:"issueDetails"`
	AttemptedSolutions []AttemptedSolution `json:"attemptedSolutions"`
	MatchReasons       []string            `json:"matchReasons,omitempty"`
}

// IssueDetails describes a learned issue type.
type IssueDetails struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Occurrences int      `json:"occurrences"`
	Symptoms    []string `json:"symptoms"`
	Causes      []string `json:"causes"`
}

// AttemptedSolution is a solution tried in a conversation and its outcome.
type AttemptedSolution struct {
	// Turn is the index in the conversation's messages of the assistant
	// message that made the attempt.
	Turn            int             `json:"turn"`
	Solution        string          `json:"solution"`
	Outcome         string          `json:"outcome"`
	Confidence      float64         `json:"confidence"`
	SolutionDetails SolutionDetails `json:"solutionDetails"`
}

// SolutionDetails describes a canonical solution and its record.
type SolutionDetails struct {
	Description       string        `json:"description"`
	Steps             []string      `json:"steps"`
	Prerequisites     []string      `json:"prerequisites"`
	SuccessIndicators []string      `json:"successIndicators"`
	Stats             SolutionStats `json:"stats"`
}

// SolutionStats is how a solution fared for an issue type.
type SolutionStats struct {
	SuccessCount  int     `json:"successCount"`
	FailureCount  int     `json:"failureCount"`
	TotalAttempts int     `json:"totalAttempts"`
	SuccessRate   float64 `json:"successRate"`
}

// Recommendations says what to do next.
type Recommendations struct {
	IssueType             *string             `json:"issueType"`
	RecommendedActions    []RecommendedAction `json:"recommendedActions"`
	EscalationPoint       *int                `json:"escalationPoint"`
	HistoricalSuccessRate *float64            `json:"historicalSuccessRate"`
	SimilarResolutions    []SimilarResolution `json:"similarResolutions"`
	// Evidence is "ok" when the top fix has enough attempts behind it for
	// this issue, "thin" otherwise, with the reason in EvidenceReason.
	Evidence       string `json:"evidence"`
	EvidenceReason string `json:"evidenceReason"`
}

// RecommendedAction is a ranked next step.
type RecommendedAction struct {
	Action               string  `json:"action"`
	SuccessProbability   float64 `json:"successProbability"`
	AverageTimeToResolve float64 `json:"averageTimeToResolve"`
	// Escalation marks a hand-over to another team or level: listed after
	// every fix, never ranked as one.
	Escalation bool `json:"escalation"`
	// Evidence is what the action's figures rest on.
	Evidence ActionEvidence `json:"evidence"`
}

// ActionEvidence is an action's record for the issue: its decided
// attempts and successes in the issue type's conversations, and in how
// many of the query's nearest conversations it was tried and worked.
type ActionEvidence struct {
	Attempts           int `json:"attempts"`
	Successes          int `json:"successes"`
	Neighbours         int `json:"neighbours"`
	NeighbourSuccesses int `json:"neighbourSuccesses"`
}

// SimilarResolution is how a similar conversation was resolved.
type SimilarResolution struct {
	ConversationID  string  `json:"conversationId"`
	ResolutionNotes string  `json:"resolutionNotes"`
	Similarity      float64 `json:"similarity"`
}

// Similarity returns past conversations similar to a message.
func (c *Client) Similarity(ctx context.Context, req SimilarityRequest) (*SimilarityResult, error) {
	var out SimilarityResult
	if err := c.do(ctx, http.MethodPost, "/api/v1/context/similarity", req, &out, nil); err != nil {
		return nil, err
	}
	return &out, nil
}

// Conversation is a tracked conversation with its messages.
type Conversation struct {
	ConversationID  string          `json:"conversationId"`
	UserID          string          `json:"userId"`
	Status          string          `json:"status"`
	MessageCount    int             `json:"messageCount"`
	ReopenCount     int             `json:"reopenCount"`
	ResolutionNotes *string         `json:"resolutionNotes"`
	CreatedAt       time.Time       `json:"createdAt"`
	UpdatedAt       time.Time       `json:"updatedAt"`
	ResolvedAt      *time.Time      `json:"resolvedAt"`
	Messages        []StoredMessage `json:"messages"`
	// What the knowledge engine made of it; nil and empty until analysed.
	IssueDetails       *IssueDetails       `json:"issueDetails"`
	AttemptedSolutions []AttemptedSolution `json:"attemptedSolutions"`
	// Feedback is the explicit feedback given on it, oldest change first.
	Feedback []ConversationFeedback `json:"feedback"`
	// Page locates Messages in the conversation. A server that does not
	// page leaves it zero.
	Page ConversationPage `json:"page"`
}

// ConversationPage says which messages a read returned and where the next
// page starts; NextOffset is nil on the last page.
type ConversationPage struct {
	Offset     int     `json:"offset"`
	Limit      int     `json:"limit"`
	Returned   int     `json:"returned"`
	HasMore    bool    `json:"hasMore"`
	NextOffset *int    `json:"nextOffset"`
	Next       *string `json:"next"`
}

// PageOptions select a page of a conversation's messages: Offset is the
// position of the first message, Limit how many at most (0: the server's
// default, 200; at most 1000). A page may hold fewer than Limit when its
// messages are large.
type PageOptions struct {
	Offset int
	Limit  int
}

// StoredMessage is a message as stored.
type StoredMessage struct {
	Role      string    `json:"role"`
	Content   string    `json:"content"`
	CreatedAt time.Time `json:"createdAt"`
}

// Conversation fetches one conversation with all its messages, walking
// the pages of the read.
func (c *Client) Conversation(ctx context.Context, id string) (*Conversation, error) {
	return c.ConversationPages(ctx, id, 0, func(*Conversation) error { return nil })
}

// ConversationPage fetches one conversation with one page of its messages.
func (c *Client) ConversationPage(ctx context.Context, id string, opt PageOptions) (*Conversation, error) {
	q := url.Values{}
	if opt.Offset > 0 {
		q.Set("offset", strconv.Itoa(opt.Offset))
	}
	if opt.Limit > 0 {
		q.Set("limit", strconv.Itoa(opt.Limit))
	}
	path := "/api/v1/context/conversations/" + url.PathEscape(id)
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var out Conversation
	if err := c.do(ctx, http.MethodGet, path, nil, &out, nil); err != nil {
		return nil, err
	}
	return &out, nil
}

// ConversationPages walks a conversation's pages of up to limit messages
// (0: the server's default), calling fn with each, and returns the
// conversation as its last page describes it with every message
// gathered. fn may return an error to stop the walk.
func (c *Client) ConversationPages(ctx context.Context, id string, limit int, fn func(page *Conversation) error) (*Conversation, error) {
	var all []StoredMessage
	opt := PageOptions{Limit: limit}
	for {
		page, err := c.ConversationPage(ctx, id, opt)
		if err != nil {
			return nil, err
		}
		if err := fn(page); err != nil {
			return nil, err
		}
		all = append(all, page.Messages...)
		if page.Page.NextOffset == nil || *page.Page.NextOffset <= opt.Offset {
			page.Messages = all
			if page.Messages == nil {
				page.Messages = []StoredMessage{}
			}
			return page, nil
		}
		opt.Offset = *page.Page.NextOffset
	}
}

// DeleteConversation removes a conversation and everything learned from it.
func (c *Client) DeleteConversation(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, "/api/v1/context/conversations/"+url.PathEscape(id), nil, nil, nil)
}

func idempotency(key string) http.Header {
	if key == "" {
		return nil
	}
	return http.Header{"Idempotency-Key": []string{key}}
}
