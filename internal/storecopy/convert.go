package storecopy

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// converter turns a value read from SQLite (nil, int64, float64, string,
// []byte) into what pgx writes to a column of the target's type.
type converter func(v any) (any, error)

// converterFor picks the conversion for a target column type, as
// format_type prints it.
func converterFor(pgType string) (converter, error) {
	switch t := pgType; {
	case t == "bigint", t == "integer", t == "smallint":
		return toInt, nil
	case t == "boolean":
		return toBool, nil
	case t == "timestamp with time zone", t == "timestamp without time zone":
		return toTime, nil
	case t == "text", strings.HasPrefix(t, "character varying"):
		return toText, nil
	case t == "bytea":
		return toBytes, nil
	case t == "double precision", t == "real", strings.HasPrefix(t, "numeric"):
		return toFloat, nil
	case t == "jsonb", t == "json":
		return toJSON, nil
	}
	return nil, fmt.Errorf("no conversion to PostgreSQL type %s", pgType)
}

func toInt(v any) (any, error) {
	switch x := v.(type) {
	case nil, int64:
		return x, nil
	case string: // a full-text table's untyped column
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return n, nil
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
	}
	return nil, fmt.Errorf("%s is not an integer", describe(v))
}

// toBool reads SQLite's 0/1 flags; any other value is refused rather
// than guessed.
func toBool(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case int64:
		switch x {
		case 0:
			return false, nil
		case 1:
			return true, nil
		}
	case bool:
		return x, nil
	}
	return nil, fmt.Errorf("%s is not a 0/1 flag", describe(v))
}

// toTime reads the times the SQLite engine writes (RFC 3339 in UTC with
// nanoseconds); PostgreSQL keeps microseconds.
func toTime(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case time.Time:
		return x.UTC(), nil
	case string:
		t, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return nil, fmt.Errorf("%s is not an RFC 3339 time", describe(v))
		}
		return t.UTC(), nil
	}
	return nil, fmt.Errorf("%s is not a time", describe(v))
}

// toText refuses what PostgreSQL's text cannot hold (NUL, invalid UTF-8)
// with the value's place in the message, rather than failing the batch
// with the server's error.
func toText(v any) (any, error) {
	var s string
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		s = x
	case []byte:
		s = string(x)
	case int64, float64:
		return fmt.Sprint(x), nil
	default:
		return nil, fmt.Errorf("%s is not text", describe(v))
	}
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
		return nil, fmt.Errorf("%s: PostgreSQL text cannot hold NUL bytes or invalid UTF-8", describe(v))
	}
	return s, nil
}

func toBytes(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		return x, nil
	case string:
		return []byte(x), nil
	}
	return nil, fmt.Errorf("%s is not a blob", describe(v))
}

func toFloat(v any) (any, error) {
	switch x := v.(type) {
	case nil, float64:
		return x, nil
	case int64:
		return float64(x), nil
	}
	return nil, fmt.Errorf("%s is not a number", describe(v))
}

func toJSON(v any) (any, error) {
	var b []byte
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return nil, fmt.Errorf("%s is not JSON text", describe(v))
	}
	if !json.Valid(b) {
		return nil, fmt.Errorf("%s is not valid JSON", describe(v))
	}
	return json.RawMessage(b), nil
}

// describe names a value's type without its content, which may be a
// secret: numbers are shown, text and blobs only by their length.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("text of %d bytes", len(x))
	case []byte:
		return fmt.Sprintf("blob of %d bytes", len(x))
	}
	return fmt.Sprintf("%T %v", v, v)
}
