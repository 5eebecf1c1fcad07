// Package mediatest makes media files for tests.
package mediatest

import (
	"bytes"
	"encoding/binary"
)

// WAV is a PCM WAVE file (8 kHz, mono, 16-bit) of n samples of a ramp,
// so that any two ranges of it differ: 2n+44 bytes, n/8000 seconds.
func WAV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(8000), uint32(16000), uint16(2), uint16(16)} {
		_ = binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	_ = binary.Write(&b, binary.LittleEndian, uint32(2*n))
	for i := range n {
		_ = binary.Write(&b, binary.LittleEndian, int16(i))
	}
	return b.Bytes()
}
