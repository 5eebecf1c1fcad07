package contextapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/server"
)

// object is a decoded JSON object whose fields are decoded one by one, so
// that every error names the field the way the client wrote it.
type object map[string]json.RawMessage

func invalid(format string, args ...any) error {
	return fathom.Errorf(fathom.EINVALID, format, args...)
}

// readBody reads a body of at most max bytes.
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, error) {
	if err := server.DeclaredTooLarge(r, max); err != nil {
		return nil, err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return nil, fathom.Errorf(fathom.ETOOLARGE, "request body must be at most %d bytes", max)
	}
	if err != nil {
		return nil, invalid("request body could not be read")
	}
	return body, nil
}

// decodeObject decodes a body holding one JSON object, refusing what
// server.CheckJSON refuses.
func decodeObject(body []byte) (object, error) {
	if err := server.CheckJSON(body); err != nil {
		return nil, err
	}
	return parseObject(body)
}

// parseObject decodes exactly one JSON object.
func parseObject(body []byte) (object, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, invalid("request body is required and must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var obj object
	if err := dec.Decode(&obj); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, invalid("request body must be a JSON object")
		}
		return nil, invalid("request body is not valid JSON: %s", jsonErr(err))
	}
	if obj == nil {
		return nil, invalid("request body must be a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid("request body must contain a single JSON object")
	}
	return obj, nil
}

func jsonErr(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("%s at byte %d", syn.Error(), syn.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of input"
	}
	return err.Error()
}

func present(raw json.RawMessage) bool { return raw != nil && string(raw) != "null" }

// str decodes a string field; a missing or null field gives "", false.
func (o object) str(field string) (string, bool, error) {
	raw := o[field]
	if !present(raw) {
		return "", false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, invalid("%s must be a string", field)
	}
	return s, true, nil
}

func (o object) requiredStr(field string) (string, error) {
	s, ok, err := o.str(field)
	if err == nil && !ok {
		err = invalid("%s is required", field)
	}
	return s, err
}

func decodeTrack(o object) (conversation.TrackParams, error) {
	var p conversation.TrackParams
	var err error
	if p.ConversationID, err = o.requiredStr("conversationId"); err != nil {
		return p, err
	}
	if p.UserID, _, err = o.str("userId"); err != nil {
		return p, err
	}
	raw := o["messages"]
	if !present(raw) {
		return p, invalid("messages is required")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return p, invalid("messages must be an array")
	}
	if len(items) > conversation.MaxMessages {
		return p, invalid("messages must contain at most %d messages, got %d", conversation.MaxMessages, len(items))
	}
	p.Messages = make([]conversation.MessageInput, len(items))
	for i, item := range items {
		var m object
		if err := json.Unmarshal(item, &m); err != nil || m == nil {
			return p, invalid("messages[%d] must be an object", i)
		}
		role, ok, err := m.str("role")
		if err != nil || !ok {
			return p, invalid(`messages[%d].role must be "user" or "assistant"`, i)
		}
		content, ok, err := m.str("content")
		if err != nil || !ok {
			return p, invalid("messages[%d].content must be a non-empty string", i)
		}
		p.Messages[i] = conversation.MessageInput{Role: fathom.Role(role), Content: content}
	}
	return p, nil
}

func decodeResolve(o object) (conversation.ResolveParams, error) {
	var p conversation.ResolveParams
	var err error
	if p.ConversationID, err = o.requiredStr("conversationId"); err != nil {
		return p, err
	}
	notes, ok, err := o.str("resolutionNotes")
	if err != nil {
		return p, err
	}
	if ok {
		p.ResolutionNotes = &notes
	}
	return p, nil
}

func decodeSimilarity(o object) (conversation.SimilarParams, error) {
	var p conversation.SimilarParams
	var err error
	if p.Message, err = o.requiredStr("message"); err != nil {
		return p, err
	}
	if raw := o["limit"]; present(raw) {
		var n json.Number
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		// json.Number also accepts a quoted number; the contract wants a number.
		if raw[0] == '"' || dec.Decode(&n) != nil {
			return p, invalid("limit must be an integer between 1 and %d", conversation.MaxLimit)
		}
		v, err := n.Int64()
		if err != nil || v < 1 || v > conversation.MaxLimit {
			return p, invalid("limit must be an integer between 1 and %d, got %s", conversation.MaxLimit, n)
		}
		limit := int(v)
		p.Limit = &limit
	}
	return p, nil
}

// decodePage reads the offset and limit query parameters of a paged read;
// absent ones are 0 and take the service's defaults.
func decodePage(q url.Values) (conversation.PageParams, error) {
	var p conversation.PageParams
	for name, dst := range map[string]*int{"offset": &p.Offset, "limit": &p.Limit} {
		v := q.Get(name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, fathom.Errorf(fathom.EINVALID, "%s must be an integer, got %q", name, v)
		}
		if name == "limit" && n == 0 {
			return p, fathom.Errorf(fathom.EINVALID, "limit must be between 1 and %d, got 0", conversation.MaxPageMessages)
		}
		*dst = n
	}
	return p, nil
}
