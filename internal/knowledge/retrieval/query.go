package retrieval

import (
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// Query is a similarity query analysed once and handed to every step of a
// similarity request: BM25 candidates (Terms), the wording and issue-type
// comparison, the type prediction and the match reasons (Type), and an
// extra Scorer (Text, or Dense once an embedding is computed). Before it,
// each step analysed the text itself: four times per request.
//
// Both analyses strip reporting phrases ("customer says …", see
// textproc.StripReporting) as they do for the conversations indexed, so
// both sides of a match are analysed alike.
type Query struct {
	Text  string         // the query as asked
	Terms []string       // index terms, content and function words (search.Terms)
	Type  *issuetype.Vec // issue-type features and, once compared, vector
	Dense []float32      // a dense embedding for a Scorer; nil until one is computed
	// Expansion holds terms associated with the query's in the tenant's
	// conversations (assoc.Model.Expand), which BM25 scores at their
	// weight: how a paraphrase sharing no word with the query becomes a
	// candidate. nil: none.
	Expansion []search.Weighted
}

// Analyse analyses text once for every step of a similarity request.
func Analyse(text string) *Query {
	return &Query{Text: text, Terms: search.Terms(text), Type: issuetype.NewVec(text)}
}
