package contextapi

import (
	"math"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/conversation"
)

// The wire structs below are the vendor's format: field names and casing
// must not change. New fields may be added, never renamed or dropped.

// envelope wraps every response.
type envelope struct {
	Success   bool   `json:"success"`
	Message   string `json:"message"`
	Data      any    `json:"data,omitempty"`
	RequestID string `json:"requestId"`
	// Only on 429: which limit, how much of it is used, and when it resets.
	Limit   string `json:"limit,omitempty"`
	Used    *int64 `json:"used,omitempty"`
	Quota   *int64 `json:"quota,omitempty"`
	ResetAt string `json:"resetAt,omitempty"`
}

type trackData struct {
	ConversationID   string `json:"conversationId"`
	MessagesReceived int    `json:"messagesReceived"`
	IsIncremental    bool   `json:"isIncremental"`
	// Additive: how many messages were new, and the status after the track.
	MessagesAppended int    `json:"messagesAppended"`
	Status           string `json:"status"`
	Reopened         bool   `json:"reopened"`
}

type resolveData struct {
	ConversationID  string `json:"conversationId"`
	ResolutionNotes string `json:"resolutionNotes"`
	// Additive: whether the server wrote the notes.
	NotesGenerated bool `json:"notesGenerated"`
}

type similarityData struct {
	Query           string              `json:"query"`
	TotalFound      int                 `json:"totalFound"`
	Conversations   []conversationMatch `json:"conversations"`
	Recommendations recommendations     `json:"recommendations"`
	// Retrieval is how the answer was ranked: "lexical" (no embeddings
	// configured), "hybrid" (words and embeddings) or "lexical_fallback"
	// (embeddings configured but the provider did not answer in time).
	Retrieval string `json:"retrieval"`
}

type conversationMatch struct {
	ConversationID     string            `json:"conversationId"`
	Status             string            `json:"status"`
	Similarity         float64           `json:"similarity"`
	ResolutionNotes    *string           `json:"resolutionNotes"`
	IssueDetails       *issueDetails     `json:"issueDetails"`
	AttemptedSolutions []attemptedAction `json:"attemptedSolutions"`
	// Additive: why the conversation matched.
	MatchReasons []string `json:"matchReasons"`
}

type issueDetails struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Occurrences int      `json:"occurrences"`
	Symptoms    []string `json:"symptoms"`
	Causes      []string `json:"causes"`
}

type attemptedAction struct {
	// Turn is the index in the conversation's messages of the assistant
	// message that made the attempt.
	Turn            int             `json:"turn"`
	Solution        string          `json:"solution"`
	Outcome         string          `json:"outcome"`
	Confidence      float64         `json:"confidence"`
	SolutionDetails solutionDetails `json:"solutionDetails"`
}

type solutionDetails struct {
	Description       string        `json:"description"`
	Steps             []string      `json:"steps"`
	Prerequisites     []string      `json:"prerequisites"`
	SuccessIndicators []string      `json:"successIndicators"`
	Stats             solutionStats `json:"stats"`
}

type solutionStats struct {
	SuccessCount  int     `json:"successCount"`
	FailureCount  int     `json:"failureCount"`
	TotalAttempts int     `json:"totalAttempts"`
	SuccessRate   float64 `json:"successRate"`
}

type recommendations struct {
	IssueType             *string             `json:"issueType"`
	RecommendedActions    []recommendedAction `json:"recommendedActions"`
	EscalationPoint       *int                `json:"escalationPoint"`
	HistoricalSuccessRate *float64            `json:"historicalSuccessRate"`
	SimilarResolutions    []similarResolution `json:"similarResolutions"`
	// Additive: "ok" or "thin", and why it is thin.
	Evidence       string `json:"evidence"`
	EvidenceReason string `json:"evidenceReason"`
	// Additive: what agents said in this issue's conversations that the
	// tenant's data shows to be routine (a greeting, a closing), not a
	// fix, and never recommended.
	RoutineMoves []routineMove `json:"routineMoves"`
}

// routineMove is a solution read as a routine move, with the evidence.
type routineMove struct {
	Action string `json:"action"`
	Reason string `json:"reason"`
	// Attempts across the tenant, in share of all its conversations;
	// specificity of their issue types, in nats; share made after the
	// problem was already fixed.
	Attempts     int     `json:"attempts"`
	Share        float64 `json:"share"`
	Specificity  float64 `json:"specificity"`
	AfterSuccess float64 `json:"afterSuccess"`
}

type recommendedAction struct {
	Action               string  `json:"action"`
	SuccessProbability   float64 `json:"successProbability"`
	AverageTimeToResolve float64 `json:"averageTimeToResolve"`
	// Additive: a hand-over rather than a fix, and what the figures rest on.
	Escalation bool           `json:"escalation"`
	Evidence   actionEvidence `json:"evidence"`
}

// actionEvidence is an action's record for the issue: decided attempts and
// successes in the type's conversations, and the nearest conversations
// that tried it and in which it worked.
type actionEvidence struct {
	Attempts           int `json:"attempts"`
	Successes          int `json:"successes"`
	Neighbours         int `json:"neighbours"`
	NeighbourSuccesses int `json:"neighbourSuccesses"`
}

type similarResolution struct {
	ConversationID  string  `json:"conversationId"`
	ResolutionNotes string  `json:"resolutionNotes"`
	Similarity      float64 `json:"similarity"`
}

// conversationData is one conversation as the read endpoint shows it.
type conversationData struct {
	ConversationID  string        `json:"conversationId"`
	UserID          string        `json:"userId"`
	Status          string        `json:"status"`
	MessageCount    int           `json:"messageCount"`
	ReopenCount     int           `json:"reopenCount"`
	ResolutionNotes *string       `json:"resolutionNotes"`
	CreatedAt       time.Time     `json:"createdAt"`
	UpdatedAt       time.Time     `json:"updatedAt"`
	ResolvedAt      *time.Time    `json:"resolvedAt"`
	Messages        []messageData `json:"messages"`
	// What the knowledge engine made of it (null and empty until analysed).
	IssueDetails       *issueDetails     `json:"issueDetails"`
	AttemptedSolutions []attemptedAction `json:"attemptedSolutions"`
	// The explicit feedback given on it (see feedback.go).
	Feedback []feedbackItem `json:"feedback"`
	// Page says which messages this answer holds and where the next
	// page is (an extension: clients that ignore it get the first page).
	Page pageData `json:"page"`
}

// pageData locates a page of messages. NextOffset and Next are null on the
// last page.
type pageData struct {
	Offset     int     `json:"offset"`
	Limit      int     `json:"limit"`
	Returned   int     `json:"returned"`
	HasMore    bool    `json:"hasMore"`
	NextOffset *int    `json:"nextOffset"`
	Next       *string `json:"next"`
}

type messageData struct {
	Role      string    `json:"role"`
	Content   string    `json:"content"`
	CreatedAt time.Time `json:"createdAt"`
}

func toConversationData(d *conversation.Detail, path string) conversationData {
	c := d.Conversation
	out := conversationData{ConversationID: c.ExternalID, UserID: c.UserID, Status: string(c.Status), MessageCount: c.MessageCount,
		ReopenCount: c.ReopenCount, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(), Messages: make([]messageData, len(d.Messages)),
		IssueDetails: toIssueDetails(d.IssueType), AttemptedSolutions: toAttempts(d.Attempts), Feedback: toFeedbackItems(d.Feedback)}
	if c.ResolutionNotes != "" {
		notes := c.ResolutionNotes
		out.ResolutionNotes = &notes
	}
	if c.ResolvedAt != nil {
		t := c.ResolvedAt.UTC()
		out.ResolvedAt = &t
	}
	for i, m := range d.Messages {
		out.Messages[i] = messageData{Role: string(m.Role), Content: m.Content, CreatedAt: m.CreatedAt.UTC()}
	}
	out.Page = pageData{Offset: d.Offset, Limit: d.Limit, Returned: len(d.Messages), HasMore: d.NextOffset >= 0}
	if d.NextOffset >= 0 {
		next := d.NextOffset
		link := path + "?offset=" + strconv.Itoa(next) + "&limit=" + strconv.Itoa(d.Limit)
		out.Page.NextOffset, out.Page.Next = &next, &link
	}
	return out
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func toSimilarityData(r *conversation.SimilarResult) similarityData {
	d := similarityData{Query: r.Query, TotalFound: r.TotalFound, Conversations: make([]conversationMatch, 0, len(r.Conversations)),
		Recommendations: toRecommendations(r.Recommendation), Retrieval: r.Retrieval}
	d.Recommendations.SimilarResolutions = make([]similarResolution, 0, len(r.SimilarResolutions))
	for _, m := range r.Conversations {
		c := m.Conversation
		cm := conversationMatch{ConversationID: c.ExternalID, Status: string(c.Status), Similarity: round4(m.Similarity),
			IssueDetails: toIssueDetails(m.IssueType), AttemptedSolutions: toAttempts(m.Attempts), MatchReasons: m.Reasons}
		if cm.MatchReasons == nil {
			cm.MatchReasons = []string{}
		}
		if c.ResolutionNotes != "" {
			notes := c.ResolutionNotes
			cm.ResolutionNotes = &notes
		}
		d.Conversations = append(d.Conversations, cm)
	}
	for _, s := range r.SimilarResolutions {
		d.Recommendations.SimilarResolutions = append(d.Recommendations.SimilarResolutions,
			similarResolution{ConversationID: s.ConversationID, ResolutionNotes: s.ResolutionNotes, Similarity: round4(s.Similarity)})
	}
	return d
}
