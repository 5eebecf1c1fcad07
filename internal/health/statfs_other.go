//go:build !unix

package health

import "errors"

// freeSpace is unknown on this platform: the floor is not checked.
func freeSpace(string) (int64, error) {
	return 0, errors.New("free space is not measured on this platform")
}
