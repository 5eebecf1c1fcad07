package search

import (
	"fmt"
	"slices"
	"testing"
)

// An index loaded after Expect answers as one loaded without it, holds
// no spare capacity once trimmed, and grew its long lists in a few steps.
func TestExpectKeepsAnswers(t *testing.T) {
	const n = 6000
	text := func(i int) string {
		return fmt.Sprintf("card %d declined at shop %d, payment failed %d times, my refund %d", i%7, i%13, i%5, i%997)
	}
	plain, hinted := NewIndex(), NewIndex()
	hinted.Expect(n)
	grew := 0 // times the list of "card" was reallocated once the sample was in
	for i := range n {
		plain.Upsert(int64(i), text(i))
		before := -1
		if t, ok := hinted.dict["card"]; ok {
			before = cap(hinted.posts[t])
		}
		hinted.Upsert(int64(i), text(i))
		if t := hinted.dict["card"]; cap(hinted.posts[t]) != before && i >= expectSample {
			grew++
		}
	}
	plain.Trim()
	hinted.Trim()
	// Go grows a long slice by a quarter: 6 reallocations from 1,024 to
	// 6,000; by prediction, one (two if a prediction falls short).
	if grew > 2 {
		t.Errorf("the list of a term in every document grew %d times once the sample was in", grew)
	}
	if hinted.expect != 0 {
		t.Errorf("Trim left the load under way: expect = %d", hinted.expect)
	}
	spare := 0
	for _, list := range hinted.posts {
		spare += cap(list) - len(list)
	}
	if spare*8 > hinted.postings {
		t.Errorf("%d spare posting slots of %d after Trim", spare, hinted.postings)
	}
	for _, q := range []string{"card declined", "payment failed at the shop", "refund 17", "shop 4 card 3"} {
		p, pn := plain.Search(q, 20, 0)
		h, hn := hinted.Search(q, 20, 0)
		if !slices.Equal(p, h) || pn != hn {
			t.Errorf("%q: %v (%d) with Expect, %v (%d) without", q, h, hn, p, pn)
		}
	}
	hinted.Upsert(n, "card declined again")
	if hits, _ := hinted.Search("declined again", 1, 0); len(hits) != 1 || hits[0].ID != n {
		t.Errorf("a document added after the load is not found first: %v", hits)
	}
}
