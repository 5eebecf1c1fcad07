package app_test

import "github.com/fathom-oss/fathom/internal/fathom"

func quotaOf(requests, tokens, retrievals int64) fathom.Quota {
	return fathom.Quota{Requests: requests, Tokens: tokens, Retrievals: retrievals}
}
