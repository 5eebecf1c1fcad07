package eval

import (
	"reflect"
	"testing"
)

func TestLeastPure(t *testing.T) {
	labels := []string{"a", "a", "b", "c", "c", "c", "d", "e", "e"}
	clusters := []string{"x", "x", "x", "y", "y", "y", "y", "z", "z"}
	got := LeastPure(labels, clusters)
	want := []ImpureSolution{
		{Solution: "x", Items: 3, Lost: 1, Labels: []LabelCount{{"a", 2}, {"b", 1}}},
		{Solution: "y", Items: 4, Lost: 1, Labels: []LabelCount{{"c", 3}, {"d", 1}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LeastPure = %+v, want %+v", got, want)
	}
}
