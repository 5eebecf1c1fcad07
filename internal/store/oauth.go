package store

// OAuthReader holds the reads of the OAuth authorization server's tables
// (registered apps, authorization codes, tokens, user passwords).
type OAuthReader interface{}

// OAuthTx holds the writes of the OAuth authorization server's tables.
type OAuthTx interface{}
