package csrf

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// post is a form submission carrying the cookies rec set and token.
func post(rec *httptest.ResponseRecorder, token string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(url.Values{FieldName: {token}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range rec.Result().Cookies() {
		r.AddCookie(c)
	}
	_ = r.ParseForm()
	return r
}

func TestGuard(t *testing.T) {
	g := New(signer(t, "key"), "c", "/", true)
	rec := httptest.NewRecorder()
	n := g.Nonce(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	cs := rec.Result().Cookies()
	if len(cs) != 1 || !cs[0].HttpOnly || !cs[0].Secure || cs[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookie = %+v, want one HttpOnly, Secure, SameSite=Lax cookie", cs)
	}
	if got, ok := g.Check(post(rec, g.Token(n))); !ok || got != n {
		t.Fatalf("the form's own token was refused")
	}
	if _, ok := g.Check(post(rec, "")); ok {
		t.Error("a form without a token was accepted")
	}
	other := New(signer(t, "other key"), "c", "/", true)
	if _, ok := g.Check(post(rec, other.Token(n))); ok {
		t.Error("a token signed with another key was accepted")
	}
	if _, ok := g.Check(post(httptest.NewRecorder(), g.Token(n))); ok {
		t.Error("a token without its cookie was accepted")
	}
	// A second page in the same browser keeps the nonce (forms in two
	// tabs both work) and sets no new cookie.
	r := post(rec, "")
	rec2 := httptest.NewRecorder()
	if g.Nonce(rec2, r) != n || len(rec2.Result().Cookies()) != 0 {
		t.Error("a valid nonce cookie was replaced")
	}
}

// FuzzCheck: no token but the nonce's own is accepted.
func FuzzCheck(f *testing.F) {
	g := New(signer(f, "key"), "c", "/", false)
	rec := httptest.NewRecorder()
	n := g.Nonce(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	valid := g.Token(n)
	f.Add(valid)
	f.Add("")
	f.Add(valid[:len(valid)-1] + "A")
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := g.Check(post(rec, s)); ok && s != valid {
			t.Fatalf("forged token %q accepted", s)
		}
	})
}

// signer is a signer whose key of the required length is made from seed.
func signer(t testing.TB, seed string) Signer {
	t.Helper()
	k := make([]byte, MinKeyBytes)
	copy(k, seed)
	s, err := NewSigner(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The key is required: none, or a short one, is refused.
func TestNewSignerRequiresTheKey(t *testing.T) {
	for _, k := range [][]byte{nil, []byte("short"), make([]byte, MinKeyBytes-1)} {
		if _, err := NewSigner(k); err == nil {
			t.Errorf("NewSigner took a %d-byte key", len(k))
		}
	}
}
