package issuetype

import (
	"encoding/binary"
	"strings"
)

// reader decodes MarshalBinary's output, remembering the first error so
// decoding code can read straight through and check once.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail() {
	r.err, r.b = errCorrupt, nil
}

func (r *reader) uvarint() uint64 {
	if len(r.b) > 0 && r.b[0] < 0x80 { // most counts and lengths: one byte
		v := uint64(r.b[0])
		r.b = r.b[1:]
		return v
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length, bounded by the remaining input so corrupt data
// cannot make the decoder allocate without limit.
func (r *reader) count() int {
	v := r.uvarint()
	if v > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(v)
}

// take consumes n bytes, or fails (returning zeros) when fewer remain.
func (r *reader) take(n int) []byte {
	if len(r.b) < n {
		r.fail()
		return make([]byte, n)
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) byte() byte  { return r.take(1)[0] }
func (r *reader) u32() uint32 { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *reader) u64() uint64 { return binary.LittleEndian.Uint64(r.take(8)) }

func (r *reader) string() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := strings.Clone(string(r.b[:n]))
	r.b = r.b[n:]
	return s
}
