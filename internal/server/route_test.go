package server

import "testing"

func TestRouteOf(t *testing.T) {
	for pattern, want := range map[string]string{
		"":                            "",
		"/api/v1/context/":            "/api/v1/context/",
		"GET /healthz":                "/healthz",
		"DELETE /connections/{id}":    "/connections/{id}",
		"GET example.com/x/{id}":      "/x/{id}",
		"example.com/":                "/",
		"POST  /api/v1/context/track": "/api/v1/context/track",
	} {
		if got := routeOf(pattern); got != want {
			t.Errorf("routeOf(%q) = %q, want %q", pattern, got, want)
		}
	}
}
