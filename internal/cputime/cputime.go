// Package cputime reads the processor time this process has used. On a
// loaded machine a benchmark's CPU per operation moves far less than its
// wall time, so speed figures are given in CPU seconds. It does not
// measure other processes: a server in another process is measured by
// whoever starts it.
package cputime
