// Package stats holds the arithmetic the recommendations are made of: the
// smoothed success probability of a solution and the escalation point of an
// issue type.
//
// Every function is pure and deterministic over the counts it is given; the
// package must not read storage, parse text or decide what an attempt or an
// issue type is (packages attempt and outcome do).
package stats
