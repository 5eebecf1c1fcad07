package store

import (
	"slices"
	"strings"
)

// TenantDomainsClean returns the set TenantDomainsSet stores: domains
// lower-cased and trimmed, blanks dropped, sorted and without repeats.
func TenantDomainsClean(domains []string) []string {
	clean := make([]string, 0, len(domains))
	for _, d := range domains {
		if d = strings.ToLower(strings.TrimSpace(d)); d != "" {
			clean = append(clean, d)
		}
	}
	slices.Sort(clean)
	return slices.Compact(clean)
}
