package oauth

import "errors"

// Error codes of RFC 6749 (§4.1.2.1 for the authorization endpoint, §5.2
// for the token endpoint) that the service returns.
const (
	CodeInvalidRequest          = "invalid_request"
	CodeInvalidClient           = "invalid_client"
	CodeInvalidGrant            = "invalid_grant"
	CodeUnsupportedGrantType    = "unsupported_grant_type"
	CodeInvalidScope            = "invalid_scope"
	CodeUnsupportedResponseType = "unsupported_response_type"
	CodeAccessDenied            = "access_denied"
)

// Error is an OAuth error as RFC 6749 reports it: a code from the list
// above and a description safe to show the client.
type Error struct {
	Code        string
	Description string
}

func (e *Error) Error() string { return "oauth: " + e.Code + ": " + e.Description }

func oauthErr(code, description string) *Error { return &Error{Code: code, Description: description} }

// AsError returns err's *Error, if it has one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

var (
	errClient       = oauthErr(CodeInvalidClient, "client authentication failed")
	errUnknownGrant = oauthErr(CodeInvalidGrant, "the authorization code or refresh token is invalid, expired or revoked")
)
