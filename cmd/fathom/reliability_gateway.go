package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The gateway trial: a fathom serve whose gateway upstream is a fake
// Fathom on a loopback port of this process (provider), with connections
// completed through the real consent flow, then attacked by many
// concurrent gateway calls. The provider counts every refresh per grant
// and token generation.

// provider is a fake upstream OAuth provider and API. Each completed
// consent is a grant; its tokens name the grant and their generation
// ("at-G-N", "rt-G-N"), and a refresh rotates both.
type provider struct {
	srv *http.Server
	url string

	mu      sync.Mutex
	grants  []*grant
	quota   int // refreshes the app may still make (-1: no quota)
	limited int // refreshes refused 429 for the app's quota
}

// grant is one connection as the provider sees it.
type grant struct {
	gen       int         // the generation of the current token pair
	firstLife int         // expires_in of the pair the code exchange issues
	attempts  map[int]int // refresh requests answered (not failed on purpose) by generation
	refreshes int         // refresh requests of every kind
	failed    int         // refresh requests answered 503 on purpose
	limited   int         // refresh requests refused 429 for the app's quota
	reused    int         // refresh tokens presented again after rotation
	refuseAll bool        // the API refuses every token of this grant
	revoked   int         // the API refuses tokens of generations below this
	tokenDown bool        // the token endpoint answers 503 to its refreshes
}

const (
	providerClientID     = "reliability-app"
	providerClientSecret = "reliability-secret"
)

func startProvider() (*provider, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &provider{url: "http://" + ln.Addr().String(), quota: -1}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth2/authorize", p.authorize)
	mux.HandleFunc("POST /oauth2/token", p.token)
	mux.HandleFunc("GET /external/v1/meetings", p.api)
	p.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

func (p *provider) close() { _ = p.srv.Close() }

// authorize consents at once: a new grant, whose code goes back to the
// redirect URI with the state.
func (p *provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	to, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || q.Get("client_id") != providerClientID || q.Get("state") == "" {
		http.Error(w, "bad authorize request", http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	p.grants = append(p.grants, &grant{attempts: map[int]int{}, firstLife: 1})
	code := fmt.Sprintf("code-%d", len(p.grants)-1)
	p.mu.Unlock()
	to.RawQuery = url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, to.String(), http.StatusFound)
}

// grantOf parses "PREFIX-G-N" into its grant and generation.
func (p *provider) grantOf(token, prefix string) (*grant, int, int) {
	f := strings.Split(strings.TrimPrefix(token, prefix), "-")
	if !strings.HasPrefix(token, prefix) || len(f) != 2 {
		return nil, 0, 0
	}
	g, err1 := strconv.Atoi(f[0])
	n, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil || g < 0 || g >= len(p.grants) {
		return nil, 0, 0
	}
	return p.grants[g], g, n
}

func (p *provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	answer := func(status int, body map[string]any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}
	refuse := func(status int, code string) { answer(status, map[string]any{"error": code}) }
	if r.PostForm.Get("client_id") != providerClientID || r.PostForm.Get("client_secret") != providerClientSecret {
		refuse(http.StatusUnauthorized, "invalid_client")
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var g *grant
	var id, life int
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		var code int
		if _, err := fmt.Sscanf(r.PostForm.Get("code"), "code-%d", &code); err != nil || code < 0 || code >= len(p.grants) {
			refuse(http.StatusBadRequest, "invalid_grant")
			return
		}
		g, id, life = p.grants[code], code, p.grants[code].firstLife
	case "refresh_token":
		var gen int
		g, id, gen = p.grantOf(r.PostForm.Get("refresh_token"), "rt-")
		if g == nil {
			refuse(http.StatusBadRequest, "invalid_grant")
			return
		}
		g.refreshes++
		switch {
		case g.tokenDown:
			g.failed++
			refuse(http.StatusServiceUnavailable, "temporarily_unavailable")
			return
		case p.quota == 0:
			g.limited++
			p.limited++
			refuse(http.StatusTooManyRequests, "rate_limited")
			return
		}
		if p.quota > 0 {
			p.quota--
		}
		g.attempts[gen]++
		if gen != g.gen {
			g.reused++
			refuse(http.StatusBadRequest, "invalid_grant")
			return
		}
		g.gen++
		life = 3600
	default:
		refuse(http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	answer(http.StatusOK, map[string]any{"access_token": fmt.Sprintf("at-%d-%d", id, g.gen), "token_type": "Bearer",
		"expires_in": life, "refresh_token": fmt.Sprintf("rt-%d-%d", id, g.gen)})
}

// api answers the current access token of a grant the API does not
// refuse, and 401 any other.
func (p *provider) api(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	g, _, gen := p.grantOf(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "), "at-")
	ok := g != nil && gen == g.gen && !g.refuseAll && gen >= g.revoked
	p.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":"invalid_token"}`+"\n")
		return
	}
	_, _ = io.WriteString(w, `{"items":[],"next_cursor":null,"limit":10}`+"\n")
}

// change runs f on the grants of ids under the provider's lock.
func (p *provider) change(ids []int, f func(g *grant)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		f(p.grants[id])
	}
}

// snapshot copies a grant's counters.
func (p *provider) snapshot(id int) grant {
	p.mu.Lock()
	defer p.mu.Unlock()
	g := *p.grants[id]
	g.attempts = maps.Clone(g.attempts)
	return g
}

// gatewayConn is a completed connection of an account.
type gatewayConn struct {
	key   string // the account's API key
	id    string // the connection's id at the gateway
	grant int    // the grant at the provider
}

// connectGateway makes a connection of the account of key and walks its
// consent as a browser would: the connect link, the provider's consent,
// the callback. It returns the connection's id and its grant.
func connectGateway(base, publicURL, key string) (gatewayConn, error) {
	c := &http.Client{Timeout: time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodPost, base+"/connections", strings.NewReader(`{"app":"fathom","method":"OAUTH2"}`))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return gatewayConn{}, err
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var created struct {
		Connection struct {
			ID  string `json:"connection_id"`
			URL string `json:"url"`
		} `json:"connection"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &created) != nil || created.Connection.URL == "" {
		return gatewayConn{}, fmt.Errorf("POST /connections: %d %.300s", resp.StatusCode, raw)
	}
	// The links name --public-url; the trial reaches the server at base.
	next := strings.Replace(created.Connection.URL, publicURL, base, 1)
	grantID := -1
	for step := 0; step < 3; step++ {
		resp, err := c.Get(next)
		if err != nil {
			return gatewayConn{}, err
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if step == 2 {
			if resp.StatusCode != http.StatusOK {
				return gatewayConn{}, fmt.Errorf("callback: %d %.300s", resp.StatusCode, raw)
			}
			break
		}
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusFound || loc == "" {
			return gatewayConn{}, fmt.Errorf("consent step %d: %d %.300s", step+1, resp.StatusCode, raw)
		}
		if u, err := url.Parse(loc); err == nil && step == 1 {
			_, _ = fmt.Sscanf(u.Query().Get("code"), "code-%d", &grantID)
		}
		next = strings.Replace(loc, publicURL, base, 1)
	}
	if grantID < 0 {
		return gatewayConn{}, fmt.Errorf("the consent gave no code")
	}
	return gatewayConn{key: key, id: created.Connection.ID, grant: grantID}, nil
}

// gatewayCall makes one call through the gateway on connection c.
func gatewayCall(client *http.Client, base string, c gatewayConn) (int, error) {
	req, _ := http.NewRequest(http.MethodGet, base+"/fathom/external/v1/meetings", nil)
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Maton-Connection", c.id)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// hammer calls through conns from clients goroutines until stop, and
// counts the answers and the calls that got none.
func hammer(base string, conns []gatewayConn, clients int, stop <-chan struct{}, statuses *statusCounts) {
	var wg sync.WaitGroup
	for w := range clients {
		wg.Go(func() {
			client := &http.Client{Timeout: time.Minute}
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if status, err := gatewayCall(client, base, conns[i%len(conns)]); err != nil {
					statuses.drop(err)
				} else {
					statuses.add(status)
				}
			}
		})
	}
	wg.Wait()
}

// Bounds of the gateway's refresh guard (internal/gateway/backoff.go):
// refreshes after a 401 an account may cause, a burst then a rate.
const (
	gatewayShareBurst     = 2
	gatewaySharePerMinute = 6
)

// shareBound is the most refreshes after a 401 one account may cause in d.
func shareBound(d time.Duration) int {
	return gatewayShareBurst + int(d.Seconds()*gatewaySharePerMinute/60) + 1
}

// backoffBound is the most refreshes one connection whose refreshes fail
// may ask for in d: the first, then one after 1 s, 2 s, 4 s… of backoff.
func backoffBound(d time.Duration) int {
	n, wait := 1, time.Second
	for total := wait; total <= d; total += wait {
		n++
		wait *= 2
	}
	return n
}

// gatewayTrial: connections whose access token expired, an upstream whose
// token endpoint fails, and one account whose upstream keeps refusing
// while others need one refresh each under a quota the app shares.
func gatewayTrial(ctx context.Context, r *trialRun) error {
	up, err := startProvider()
	if err != nil {
		return err
	}
	defer up.close()
	const publicURL = "http://gateway.reliability.test"
	env := r.env(r.dataDir(), "FATHOM_PUBLIC_URL="+publicURL, "FATHOM_GATEWAY_UPSTREAM_URL="+up.url,
		"FATHOM_GATEWAY_AUTHORIZE_URL="+up.url+"/oauth2/authorize", "FATHOM_GATEWAY_TOKEN_URL="+up.url+"/oauth2/token",
		"FATHOM_GATEWAY_CLIENT_ID="+providerClientID, "FATHOM_GATEWAY_CLIENT_SECRET="+providerClientSecret,
		"FATHOM_GATEWAY_RATE_LIMIT=0", "FATHOM_ADDRESS_RATE_LIMIT=0")
	// Accounts: four quiet ones of two connections, one whose token
	// endpoint will fail (two), one noisy (four).
	plan := []struct {
		name  string
		conns int
	}{{"quiet1", 2}, {"quiet2", 2}, {"quiet3", 2}, {"quiet4", 2}, {"flaky", 2}, {"noisy", 4}}
	keys := map[string]string{}
	for _, a := range plan {
		if keys[a.name], err = r.createKey(env, a.name+"@acme.com"); err != nil {
			return err
		}
	}
	p, err := r.start(ctx, env)
	if err != nil {
		return err
	}
	byAccount := map[string][]gatewayConn{}
	var all []gatewayConn
	for _, a := range plan {
		for range a.conns {
			c, err := connectGateway(p.url, publicURL, keys[a.name])
			if err != nil {
				return fmt.Errorf("connect %s: %w", a.name, err)
			}
			byAccount[a.name] = append(byAccount[a.name], c)
			all = append(all, c)
		}
	}
	var quiet []gatewayConn
	for _, a := range []string{"quiet1", "quiet2", "quiet3", "quiet4"} {
		quiet = append(quiet, byAccount[a]...)
	}
	flaky, noisy := byAccount["flaky"], byAccount["noisy"]
	expiring := slices.Concat(quiet, noisy)
	grants := func(conns []gatewayConn) []int {
		var ids []int
		for _, c := range conns {
			ids = append(ids, c.grant)
		}
		return ids
	}
	// The tokens of the code exchange live 1 s: past the second they have
	// expired outright, and each connection needs a refresh at its first
	// call.
	time.Sleep(1100 * time.Millisecond)

	var during latencies
	// stage runs an attack for about d and returns how long its clients
	// ran, which the bounds are computed on.
	var ran time.Duration
	stage := func(d time.Duration, run func(stop <-chan struct{})) error {
		err := r.attack(ctx, p, d, func(stop <-chan struct{}) {
			begin := time.Now()
			run(stop)
			ran = time.Since(begin)
		})
		during.times = append(during.times, r.during.times...)
		during.failures += r.during.failures
		return err
	}
	before := probeHealth(p.url, 40)

	// 1. Expired tokens, many concurrent calls on every connection but the
	// flaky account's: one refresh per connection.
	clients := 64
	if r.quick {
		clients = 32
	}
	var expired statusCounts
	if err := stage(r.seconds(6, 3), func(stop <-chan struct{}) { hammer(p.url, expiring, clients, stop, &expired) }); err != nil {
		return err
	}
	once := 0
	for _, c := range expiring {
		g := up.snapshot(c.grant)
		if g.gen == 1 && g.attempts[0] == 1 && len(g.attempts) == 1 {
			once++
		}
	}
	r.notef("expired tokens: %d clients on %d connections of 5 accounts; answers %s; %d of %d connections refreshed exactly once",
		clients, len(expiring), expired.withDropped(), once, len(expiring))
	answered(r, "expired tokens", &expired)
	if u := expired.unexpected(http.StatusOK); u != "" {
		r.failf("calls on expired tokens answered other than 200: %s", u)
	}
	if once != len(expiring) {
		r.failf("%d of %d connections were not refreshed exactly once for their expired token", len(expiring)-once, len(expiring))
	}

	// 2. The flaky account's tokens expired too, and its token endpoint
	// fails: each connection backs off (refreshes of expiring tokens are
	// not counted in the account's share, so the backoff alone bounds them).
	up.change(grants(flaky), func(g *grant) { g.tokenDown = true })
	failFor := r.seconds(12, 5)
	var failing statusCounts
	if err := stage(failFor, func(stop <-chan struct{}) { hammer(p.url, flaky, 16, stop, &failing) }); err != nil {
		return err
	}
	worst := 0
	var each []string
	for _, c := range flaky {
		g := up.snapshot(c.grant)
		worst = max(worst, g.failed)
		each = append(each, strconv.Itoa(g.failed))
	}
	r.notef("failing token endpoint: 16 clients on 2 connections with expired tokens for %s; answers %s; %s refresh requests for %d calls (bound %d per connection)",
		ran.Round(100*time.Millisecond), failing.withDropped(), strings.Join(each, " and "), failing.total(), backoffBound(ran))
	answered(r, "failing token endpoint", &failing)
	if u := failing.unexpected(http.StatusServiceUnavailable); u != "" {
		r.failf("calls while the token endpoint fails answered other than 503: %s", u)
	}
	if worst > backoffBound(ran) {
		r.failf("a failing token endpoint was asked %d times for one connection in %s: the backoff allows %d", worst, ran.Round(100*time.Millisecond), backoffBound(ran))
	}
	if worst == 0 {
		r.failf("no refresh was tried while the token endpoint failed")
	}

	// 3. The app's quota is shared: the noisy account's tokens are always
	// refused (a refresh never helps) while each quiet connection's token
	// is revoked once, after the noisy account started; the quota covers
	// the quiet connections and one account's share, no more.
	shareFor := r.seconds(15, 6)
	up.mu.Lock()
	up.quota = len(quiet) + shareBound(shareFor)
	quotaAtStart := up.quota
	up.mu.Unlock()
	up.change(grants(noisy), func(g *grant) { g.refuseAll = true })
	noisyBefore := 0
	for _, c := range noisy {
		noisyBefore += up.snapshot(c.grant).refreshes
	}
	var loud, calm statusCounts
	var quietOK atomic.Int64
	if err := stage(shareFor, func(stop <-chan struct{}) {
		var wg sync.WaitGroup
		wg.Go(func() { hammer(p.url, noisy, 32, stop, &loud) })
		select {
		case <-stop:
		case <-time.After(shareFor / 5):
		}
		up.change(grants(quiet), func(g *grant) { g.revoked = g.gen + 1 })
		for _, c := range quiet {
			wg.Go(func() {
				client := &http.Client{Timeout: time.Minute}
				ok := false
				for {
					select {
					case <-stop:
						if ok {
							quietOK.Add(1)
						}
						return
					case <-time.After(200 * time.Millisecond):
					}
					status, err := gatewayCall(client, p.url, c)
					if err != nil {
						calm.drop(err)
						ok = false
						continue
					}
					calm.add(status)
					ok = status == http.StatusOK
				}
			})
		}
		wg.Wait()
	}); err != nil {
		return err
	}
	noisyRefreshes, quietLimited := -noisyBefore, 0
	for _, c := range noisy {
		noisyRefreshes += up.snapshot(c.grant).refreshes
	}
	for _, c := range quiet {
		quietLimited += up.snapshot(c.grant).limited
	}
	up.mu.Lock()
	limited := up.limited
	up.mu.Unlock()
	r.notef("shared quota of %d refreshes: the noisy account (32 clients, 4 connections always refused) %d refreshes for %d calls (answers %s; share bound %d); %d of %d quiet connections serve 200 again after their revocation (answers %s), %d of their refreshes refused for the quota (%d in all)",
		quotaAtStart, noisyRefreshes, loud.total(), loud.withDropped(), shareBound(ran), quietOK.Load(), len(quiet), calm.withDropped(), quietLimited, limited)
	answered(r, "shared quota, the noisy account", &loud)
	answered(r, "shared quota, the quiet connections", &calm)
	if noisyRefreshes > shareBound(ran) {
		r.failf("the noisy account caused %d refreshes, over its share of %d", noisyRefreshes, shareBound(ran))
	}
	if quietLimited > 0 || int(quietOK.Load()) != len(quiet) {
		r.failf("quiet accounts were starved: %d refreshes refused for the quota, %d of %d connections serving again", quietLimited, quietOK.Load(), len(quiet))
	}
	if u := loud.unexpected(http.StatusUnauthorized, http.StatusServiceUnavailable); u != "" {
		r.failf("the noisy account's calls answered other than 401 and 503: %s", u)
	}

	// Across the trial: no refresh token presented twice, and no
	// generation refreshed twice (refreshes failed on purpose aside).
	for _, c := range all {
		g := up.snapshot(c.grant)
		for gen, n := range g.attempts {
			if n > 1 || g.reused > 0 {
				r.failf("connection %s: generation %d refreshed %d times (%d reused tokens)", c.id, gen, n, g.reused)
			}
		}
	}
	r.before, r.during = before, during
	return nil
}

// total is the number of answers counted.
func (s *statusCounts) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.m {
		n += v
	}
	return n
}
