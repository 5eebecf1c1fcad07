package issuetype

// Config tunes a Model. The zero value of every field selects its default,
// so Config{} is a good configuration.
type Config struct {
	// Neighbours is how many most similar earlier documents each document
	// keeps as graph edges and votes with. Default 10.
	Neighbours int
	// Resolution is the Louvain resolution Consolidate uses: larger values
	// give more, finer types. Default 4 (about 110 types on banking77's 77
	// intents and 10k messages).
	Resolution float64
	// JoinSimilarity is the cosine to its nearest document below which a
	// new document founds a new type instead of joining its neighbours'.
	// Default 0.25.
	JoinSimilarity float64
	// WordWeight is the share of a vector's squared norm given to word
	// (stem) features; the rest goes to character n-grams. Default 0.5.
	WordWeight float64
	// DenseWeight is the share of two documents' similarity given to the
	// cosine of their embeddings when both have one (see dense.go); the
	// rest is their sparse cosine. Documents without an embedding are
	// compared by the sparse cosine alone. Default 0.9: chosen on
	// BANKING77's training split (TestBanking77DenseWeight), among the
	// weights above JoinSimilarity (below it, meaning alone could never
	// place a conversation), with a real pre-trained model, GloVe-derived
	// 100-dimension word vectors (docs/evaluation.md, "Issue types with
	// vectors").
	DenseWeight float64
	// DisableAutoConsolidate stops Assign from calling Consolidate itself.
	// By default it does once the assignments since the last consolidation
	// reach max(AutoConsolidateMin, AutoConsolidateFraction × documents),
	// which keeps the amortised cost per Assign constant as the model grows.
	DisableAutoConsolidate bool
	// AutoConsolidateMin is the least number of assignments between
	// automatic consolidations. Default 200.
	AutoConsolidateMin int
	// AutoConsolidateFraction is the fraction of the model's documents that
	// must be assigned between automatic consolidations. Default 0.10.
	AutoConsolidateFraction float64
	// NameTerms is the number of surface words in a type's name. Default 3.
	NameTerms int
	// DescribeTerms is the number of surface words in Type.Terms and in the
	// description. Default 6.
	DescribeTerms int
}

// withDefaults returns c with zero fields replaced by their defaults.
func (c Config) withDefaults() Config {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt(&c.Neighbours, 10)
	def(&c.Resolution, 4)
	def(&c.JoinSimilarity, 0.25)
	def(&c.WordWeight, 0.5)
	def(&c.DenseWeight, 0.9)
	defInt(&c.AutoConsolidateMin, 200)
	def(&c.AutoConsolidateFraction, 0.10)
	defInt(&c.NameTerms, 3)
	defInt(&c.DescribeTerms, 6)
	return c
}
