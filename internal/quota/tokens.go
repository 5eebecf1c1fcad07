package quota

import (
	"sync"

	"github.com/tiktoken-go/tokenizer"
)

// The token meter counts as OpenAI's cl100k_base encoding does, so that the
// "tokens" quota means what it will mean once an LLM endpoint is configured.
// Its vocabulary is embedded in the binary: counting needs no network.
var cl100k = sync.OnceValues(func() (tokenizer.Codec, error) { return tokenizer.Get(tokenizer.Cl100kBase) })

// CountTokens returns the number of cl100k_base tokens in text. It costs
// about 1 µs per token, which is why only background analysis calls it.
func CountTokens(text string) int64 {
	codec, err := cl100k()
	if err != nil {
		// The vocabulary is compiled in; failing to load it is a build
		// defect. Fall back to the usual four-bytes-a-token estimate.
		return int64(len(text)+3) / 4
	}
	n, err := codec.Count(text)
	if err != nil {
		return int64(len(text)+3) / 4
	}
	return int64(n)
}
