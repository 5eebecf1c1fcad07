package search

import "testing"

func TestCatalogSize(t *testing.T) {
	c := NewCatalog()
	if sz := c.Size(); sz != (Size{}) {
		t.Fatalf("empty catalog size = %+v", sz)
	}
	c.For(1).UpsertTerms(10, []string{"card", "declined"})
	c.For(1).UpsertTerms(11, []string{"card", "expired"})
	c.For(2).UpsertTerms(10, []string{"refund"})
	c.For(1).Delete(11)
	sz := c.Size()
	// Deleting half of tenant 1's documents compacts its index: "expired"
	// and the deleted document's postings are gone.
	want := Size{Tenants: 2, Documents: 2, Terms: 3, Postings: 3}
	if sz != want {
		t.Fatalf("size = %+v, want %+v", sz, want)
	}
}
