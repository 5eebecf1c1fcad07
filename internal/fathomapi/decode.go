package fathomapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/server"
)

// decodeBody reads a JSON object into v strictly: unknown keys, repeated
// keys, wrong types, invalid UTF-8 and trailing data are 400s naming the
// field; a body over maxBytes is a 413.
func decodeBody(r *http.Request, v any, maxBytes int64) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
			return fathom.Errorf(fathom.EINVALID, "Content-Type must be application/json, got %q", ct)
		}
	}
	if err := server.DeclaredTooLarge(r, maxBytes); err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBytes+1))
	if err != nil {
		return fathom.Errorf(fathom.EINVALID, "request body could not be read")
	}
	if int64(len(body)) > maxBytes {
		return fathom.Errorf(fathom.ETOOLARGE, "request body must be at most %d bytes", maxBytes)
	}
	if err := server.CheckJSON(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON object")
	}
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var timeErr *time.ParseError
	switch {
	case errors.As(err, &timeErr):
		return fathom.Errorf(fathom.EINVALID, "a date-time must be RFC 3339 such as 2025-01-01T00:00:00Z, got %q", timeErr.Value)
	case errors.Is(err, io.EOF):
		return fathom.Errorf(fathom.EINVALID, "request body must be a JSON object")
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return fathom.Errorf(fathom.EINVALID, "request body must be a JSON object")
		}
		return fathom.Errorf(fathom.EINVALID, "%s must be %s, got %s", typeErr.Field, jsonKind(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return fathom.Errorf(fathom.EINVALID, "request body is not valid JSON: %v", err)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fathom.Errorf(fathom.EINVALID, "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return fathom.Errorf(fathom.EINVALID, "request body: %v", err)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "bool":
		return "a boolean"
	case "string":
		return "a string"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "ptr":
		return "a value of the right type"
	}
	return "a number"
}

// required reports a missing required key.
func required(name string) error {
	return fathom.Errorf(fathom.EINVALID, "%s is required", name)
}
