package issuetype

import "github.com/fathom-oss/fathom/internal/dataset"

// replicate returns n texts cycling through texts, perturbing every round
// after the first, with the category of each.
func replicate(texts, cats []string, n int) (outT, outC []string) {
	outT, outC = make([]string, n), make([]string, n)
	for i := range n {
		j := i % len(texts)
		outT[i], outC[i] = dataset.Perturb(texts[j], i/len(texts), uint64(j)), cats[j]
	}
	return outT, outC
}
