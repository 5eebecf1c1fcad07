package signbits

// Dot is the dot product of two int8 vectors of one length (a byte is
// read as an int8), four lanes at a time: the cosine by which a search
// ranks the rows its preselection kept. It is the one kernel of both
// int8 scans, search.Vectors' and the issue-type model's embeddings'.
func Dot[E int8 | byte](a, b []E) int32 {
	b = b[:len(a)] // the compiler drops the bounds checks it can prove
	var s0, s1, s2, s3 int32
	j := 0
	for ; j+4 <= len(a); j += 4 {
		s0 += int32(int8(a[j])) * int32(int8(b[j]))
		s1 += int32(int8(a[j+1])) * int32(int8(b[j+1]))
		s2 += int32(int8(a[j+2])) * int32(int8(b[j+2]))
		s3 += int32(int8(a[j+3])) * int32(int8(b[j+3]))
	}
	for ; j < len(a); j++ {
		s0 += int32(int8(a[j])) * int32(int8(b[j]))
	}
	return s0 + s1 + s2 + s3
}
