package search

import (
	"fmt"
	"slices"
	"testing"
)

// A trimmed index answers as it did, holds no spare capacity, and keeps
// taking documents.
func TestTrimKeepsAnswers(t *testing.T) {
	ix := NewIndex()
	for i := range 500 {
		ix.Upsert(int64(i), fmt.Sprintf("card %d declined at shop %d, payment failed %d times", i%7, i%13, i%5))
	}
	ix.Delete(3)
	queries := []string{"card declined", "payment failed at the shop", "shop 4"}
	var before [][]Hit
	for _, q := range queries {
		hits, _ := ix.Search(q, 20, 0)
		before = append(before, hits)
	}
	ix.Trim()
	for i, q := range queries {
		if hits, _ := ix.Search(q, 20, 0); !slices.Equal(hits, before[i]) {
			t.Errorf("%q after Trim: %v, want %v", q, hits, before[i])
		}
	}
	spare := 0
	for _, list := range ix.posts {
		spare += cap(list) - len(list)
	}
	if total := ix.postings; spare*8 > total { // size classes may round a little up
		t.Errorf("%d spare posting slots of %d after Trim", spare, total)
	}
	ix.Upsert(1000, "card declined again")
	if hits, _ := ix.Search("declined again", 1, 0); len(hits) != 1 || hits[0].ID != 1000 {
		t.Errorf("a document added after Trim is not found first: %v", hits)
	}
}

// Trim runs on every tenant's index.
func TestCatalogTrim(t *testing.T) {
	c := NewCatalog()
	for i := range 200 {
		c.For(1).Upsert(int64(i), fmt.Sprintf("card %d declined", i%7))
		c.For(2).Upsert(int64(1000+i), fmt.Sprintf("password %d reset", i%5))
	}
	c.Trim()
	for _, tenant := range []int64{1, 2} {
		ix, spare := c.For(tenant), 0
		for _, list := range ix.posts {
			spare += cap(list) - len(list)
		}
		if spare*8 > ix.postings { // size classes may round a little up
			t.Errorf("tenant %d: %d spare posting slots of %d after Trim", tenant, spare, ix.postings)
		}
	}
	if hits, _ := c.For(2).Search("password", 1, 0); len(hits) != 1 || hits[0].ID < 1000 {
		t.Errorf("tenant 2 after Trim: %v", hits)
	}
}
