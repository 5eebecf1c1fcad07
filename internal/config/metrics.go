package config

import (
	"fmt"
	"net"
)

// minMetricsToken is the shortest --metrics-token accepted: a guessable
// token would make the metrics world-readable after all.
const minMetricsToken = 16

// validateMetrics checks the metrics options, each error naming its flag.
func (c *Config) validateMetrics() []error {
	var errs []error
	bad := func(flag, format string, args ...any) {
		errs = append(errs, fmt.Errorf("--%s (%s): %s", flag, envName(flag), fmt.Sprintf(format, args...)))
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			bad("metrics-addr", "must be empty (none) or host:port, got %q", c.MetricsAddr)
		} else if c.MetricsAddr == c.Addr && port != "0" {
			bad("metrics-addr", "must differ from --addr %q (to serve /metrics there, set --metrics-token)", c.Addr)
		}
	}
	if t := c.MetricsToken; t != "" {
		if len(t) < minMetricsToken {
			bad("metrics-token", "must be at least %d characters, got %d", minMetricsToken, len(t))
		}
		for i := 0; i < len(t); i++ {
			if t[i] <= ' ' || t[i] > '~' {
				bad("metrics-token", "must be printable ASCII without spaces (it travels in a header)")
				break
			}
		}
	}
	return errs
}
