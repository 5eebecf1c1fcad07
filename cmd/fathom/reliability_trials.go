package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// statusCounts counts answers by status, safely from many clients, and
// apart from them the calls that got no status at all (failed at the
// transport level: refused, reset, timed out), for the trials that count
// those (with dropped).
type statusCounts struct {
	mu      sync.Mutex
	m       map[int]int
	dropped int    // calls that got no answer
	first   string // the first of their errors
}

func (s *statusCounts) add(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[int]int{}
	}
	s.m[status]++
}

// drop counts a call that failed at the transport level with err.
func (s *statusCounts) drop(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropped == 0 {
		s.first = err.Error()
	}
	s.dropped++
}

// record counts one call: its status, or the call as one that got no
// answer when err is not nil.
func (s *statusCounts) record(status int, err error) {
	if err != nil {
		s.drop(err)
		return
	}
	s.add(status)
}

// droppedCalls is how many calls got no answer, and the first one's error.
func (s *statusCounts) droppedCalls() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dropped, s.first
}

// unexpected lists the statuses outside allowed, with their counts.
func (s *statusCounts) unexpected(allowed ...int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, k := range slices.Sorted(maps.Keys(s.m)) {
		if !slices.Contains(allowed, k) {
			out = append(out, fmt.Sprintf("%d×%d", s.m[k], k))
		}
	}
	return strings.Join(out, ", ")
}

// String lists the statuses with their counts.
func (s *statusCounts) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, k := range slices.Sorted(maps.Keys(s.m)) {
		out = append(out, fmt.Sprintf("%d×%d", s.m[k], k))
	}
	return strings.Join(out, ", ")
}

// withDropped is String followed by the calls that got no answer, even
// none, for the trials that count them.
func (s *statusCounts) withDropped() string {
	n, _ := s.droppedCalls()
	if list := s.String(); list != "" {
		return fmt.Sprintf("%s, %d×no answer", list, n)
	}
	return fmt.Sprintf("%d×no answer", n)
}

// answered fails r when any call of a stage got no answer. A trial calls
// it only for calls made while the server is meant to be up: there a
// refused, reset or timed-out call is a dropped call, not an expected one.
// (The gateway trial never stops its server; the kill trial keeps the
// calls cut by its SIGKILL out.)
func answered(r *trialRun, stage string, s *statusCounts) {
	if n, first := s.droppedCalls(); n > 0 {
		r.failf("%s: %d calls got no answer (the first: %s)", stage, n, first)
	}
}

// apiCall sends a request with the API key and returns the status, the
// Retry-After header and the body.
func apiCall(c *http.Client, method, url, key string, body []byte) (int, string, []byte, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return 0, "", nil, err
	}
	req.Header.Set("X-API-Key", key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	askFirst(req, len(body))
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), raw, err
}

// A client about to send a large body asks first (Expect: 100-continue,
// for bodies over a mebibyte), as careful clients do: without it a refusal
// that closes the connection while the body is still being written can
// reach the client as a reset instead of the server's 503. askFirst marks
// such a request; a client waits for the server's go-ahead only through
// askingTransport (Go's transport sends the body at once otherwise).
func askFirst(req *http.Request, size int) {
	if size > 1<<20 {
		req.Header.Set("Expect", "100-continue")
	}
}

// askingTransport is a transport that waits up to 5 s for the go-ahead
// of a request askFirst marked.
func askingTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ExpectContinueTimeout = 5 * time.Second
	return t
}

// trackBody is a Context API track of one conversation.
func trackBody(id string, msgs ...string) []byte {
	type m struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	}
	var list []m
	for i, c := range msgs {
		list = append(list, m{[]string{"user", "assistant"}[i%2], c})
	}
	b, _ := json.Marshal(map[string]any{"conversationId": id, "messages": list})
	return b
}

// storedMessages is how many messages the server holds for a conversation
// (-1: it does not have it).
func storedMessages(base, key, id string) (int, error) {
	status, _, raw, err := apiCall(http.DefaultClient, http.MethodGet, base+"/api/v1/context/conversations/"+url.PathEscape(id), key, nil)
	if err != nil {
		return 0, err
	}
	if status == http.StatusNotFound {
		return -1, nil
	}
	var env struct {
		Data struct {
			MessageCount int `json:"messageCount"`
		} `json:"data"`
	}
	if status != http.StatusOK || json.Unmarshal(raw, &env) != nil {
		return 0, fmt.Errorf("read %s: %d %.200s", id, status, raw)
	}
	return env.Data.MessageCount, nil
}

// killTrial: 8 clients track conversations of 3 messages as fast as they
// can; the server is killed with SIGKILL mid-stream and started again on
// the same data, in rounds; every conversation acknowledged with 200 must
// then hold its 3 messages. A call that gets no answer before the kill
// fails the trial; from the kill on, the calls cut by it are expected and
// end that round's clients.
func killTrial(ctx context.Context, r *trialRun) error {
	env := r.env(r.dataDir())
	key, err := r.createKey(env, "alice@acme.com")
	if err != nil {
		return err
	}
	rounds := 3
	if r.quick {
		rounds = 1
	}
	var acked []string
	var statuses statusCounts // the calls before each kill
	for round := range rounds {
		p, err := r.start(ctx, env)
		if err != nil {
			return err
		}
		if round == 0 {
			r.before = probeHealth(p.url, 40)
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		// killing is set just before the SIGKILL: a call that fails after
		// it was cut by the kill on purpose and is kept out of the
		// verdict; one that fails before it was dropped by a server meant
		// to be up.
		var killing atomic.Bool
		for w := range 8 {
			wg.Go(func() {
				c := &http.Client{Timeout: time.Minute}
				for i := 0; ; i++ {
					id := fmt.Sprintf("r%d-w%d-%d", round, w, i)
					status, _, _, err := apiCall(c, http.MethodPost, p.url+"/api/v1/context/track", key,
						trackBody(id, "my order "+id+" never arrived", "let me look it up", "it was due on monday"))
					if err != nil {
						if killing.Load() {
							return // the server is being killed
						}
						statuses.drop(err)
						continue
					}
					statuses.add(status)
					if status == http.StatusOK {
						mu.Lock()
						acked = append(acked, id)
						mu.Unlock()
					}
				}
			})
		}
		s := sampleAttack(ctx, p.pid, p.url, r.seconds(8, 5))
		r.peak = max(r.peak, s.peak)
		r.during.times = append(r.during.times, s.health.times...)
		r.during.failures += s.health.failures
		killing.Store(true)
		if err := p.kill(); err != nil {
			return err
		}
		wg.Wait()
	}
	p, err := r.start(ctx, env)
	if err != nil {
		return err
	}
	r.lost = 0
	for _, id := range acked {
		n, err := storedMessages(p.url, key, id)
		if err != nil {
			return err
		}
		if n != 3 {
			r.lost++
		}
	}
	r.notef("%d rounds of SIGKILL under 8 writers; answers before each kill %s; %d conversations acknowledged, %d of them missing or short after the restart",
		rounds, statuses.withDropped(), len(acked), r.lost)
	answered(r, "before the kill", &statuses)
	if len(acked) == 0 {
		r.failf("no write was acknowledged before the kill")
	}
	return nil
}

// diskFullTrial runs the server on SQLite in an 8 MiB tmpfs, fills the
// file system, and checks what clients and the operator see: 503 with
// Retry-After and /readyz not ready; then frees the space and checks that
// the server recovers without a restart with every acknowledged write.
func diskFullTrial(ctx context.Context, r *trialRun) error {
	mnt := filepath.Join(r.dir, "fs")
	if err := os.Mkdir(mnt, 0o700); err != nil {
		return err
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt).CombinedOutput(); err != nil {
		return &skipError{fmt.Sprintf("cannot mount a tmpfs: %v %s", err, bytes.TrimSpace(out))}
	}
	defer func() {
		if r.server != nil && !r.server.exited() {
			_, hwm := residentMemory(r.server.pid)
			r.peak = max(r.peak, hwm)
			_ = r.server.kill()
		}
		_ = exec.Command("umount", mnt).Run()
	}()
	env := r.env(filepath.Join(mnt, "data"), fmt.Sprintf("FATHOM_MIN_FREE_DISK=%d", 2<<20), "FATHOM_SQLITE_SYNCHRONOUS=full")
	key, p, err := r.startWithKey(ctx, env)
	if err != nil {
		return err
	}
	acked := map[string]string{}
	n := 0
	send := func() (int, string, error) {
		n++
		id := fmt.Sprintf("conv-%04d", n)
		content := fmt.Sprintf("message %d: ", n) + strings.Repeat(fmt.Sprintf("payment %d declined again ", n), 150)
		status, retry, _, err := apiCall(http.DefaultClient, http.MethodPost, p.url+"/api/v1/context/track", key, trackBody(id, content))
		if status == http.StatusOK {
			acked[id] = content
		}
		return status, retry, err
	}
	ready := func() (int, string) {
		resp, err := http.Get(p.url + "/readyz")
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(raw)
	}
	r.before = probeHealth(p.url, 40)
	for range 20 {
		if status, _, err := send(); err != nil || status != http.StatusOK {
			return fmt.Errorf("track before filling the disk: %d %v", status, err)
		}
	}
	filler := filepath.Join(mnt, "filler")
	if err := fillFileSystem(filler); err != nil {
		return err
	}
	refused, noRetry := 0, 0
	for range 2000 {
		status, retry, err := send()
		if err != nil {
			return err
		}
		switch status {
		case http.StatusOK:
			continue
		case http.StatusServiceUnavailable:
			refused++
			if retry == "" {
				noRetry++
			}
		default:
			r.failf("track on a full disk answered %d, want 200 or 503", status)
		}
		if refused == 20 {
			break
		}
	}
	if refused == 0 {
		r.failf("no write refused after filling the disk (%d sent)", n)
	}
	if noRetry > 0 {
		r.failf("%d of %d 503s without Retry-After", noRetry, refused)
	}
	status, body := ready()
	if status != http.StatusServiceUnavailable {
		r.failf("/readyz on a full disk: %d %s, want 503", status, body)
	}
	r.during = probeHealth(p.url, 20)
	r.notef("full disk: %d writes acknowledged, %d refused with 503; /readyz %d %s", len(acked), refused, status, strings.TrimSpace(body))
	if err := os.Remove(filler); err != nil {
		return err
	}
	begin := time.Now()
	for {
		status, body = ready()
		if status == http.StatusOK && !strings.Contains(body, "background") {
			break
		}
		if time.Since(begin) > 30*time.Second {
			r.failf("/readyz 30 s after freeing space: %d %s", status, body)
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	recovered := time.Since(begin)
	for range 10 {
		if status, _, err := send(); err != nil || status != http.StatusOK {
			r.failf("track after freeing space: %d %v", status, err)
			break
		}
	}
	r.lost = 0
	for id := range acked {
		if n, err := storedMessages(p.url, key, id); err != nil || n != 1 {
			r.lost++
		}
	}
	if p.exited() {
		r.failf("the server exited")
	}
	r.notef("space freed: ready again in %s, without a restart (same process: %v)", recovered.Round(100*time.Millisecond), !p.exited())
	return nil
}

// fillFileSystem writes path until the file system has no byte left.
func fillFileSystem(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for len(chunk) > 0 {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				return err
			}
			chunk = chunk[:len(chunk)/2]
		}
	}
	return f.Sync()
}

var (
	clientIDRe     = regexp.MustCompile(`client_id:\s+(\S+)`)
	clientSecretRe = regexp.MustCompile(`client_secret:\s+(\S+)`)
	hiddenInputRe  = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// createApp registers an OAuth app in env's database and returns its
// client id and secret.
func (r *trialRun) createApp(env []string) (id, secret string, err error) {
	out, err := r.admin(env, "apps", "create", "--create", "--name", "Victim", "--redirect-uri", "https://app.example.com/cb")
	if err != nil {
		return "", "", err
	}
	m, s := clientIDRe.FindStringSubmatch(out), clientSecretRe.FindStringSubmatch(out)
	if m == nil || s == nil {
		return "", "", fmt.Errorf("apps create printed no client id and secret:\n%s", out)
	}
	return m[1], s[1], nil
}

// signInFloodTrial: 128 clients send wrong-password sign-ins as fast as
// they can, each an Argon2id hash of 19 MiB. The per-address and sign-in
// limits are lifted so that only the bound on hashing work is measured
// (the attack comes from one loopback address).
func signInFloodTrial(ctx context.Context, r *trialRun) error {
	return signInFlood(ctx, r, 128)
}

func signInFlood(ctx context.Context, r *trialRun, workers int) error {
	env := r.env(r.dataDir(), "FATHOM_ADDRESS_RATE_LIMIT=0", "FATHOM_SIGNIN_PAIR_FAILURES=1000000",
		"FATHOM_SIGNIN_ADDRESS_FAILURES=1000000", "FATHOM_SIGNIN_ACCOUNT_FAILURES=1000000")
	clientID, _, err := r.createApp(env)
	if err != nil {
		return err
	}
	p, err := r.start(ctx, env)
	if err != nil {
		return err
	}
	authorize := p.url + "/external/v1/oauth2/authorize?client_id=" + clientID +
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=public_api&state=s&response_type=code"
	var statuses statusCounts
	var noRetry atomic.Int64
	err = r.attack(ctx, p, r.seconds(15, 5), func(stop <-chan struct{}) {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { signInClient(p.url, authorize, w, stop, &statuses, &noRetry) })
		}
		wg.Wait()
	})
	r.notef("%d clients; answers %s", workers, statuses.withDropped())
	// Nothing stops the server during the flood: every call is owed an answer.
	answered(r, "sign-ins", &statuses)
	if u := statuses.unexpected(http.StatusUnauthorized, http.StatusServiceUnavailable); u != "" {
		r.failf("answers other than 401 and 503: %s", u)
	}
	if n := noRetry.Load(); n > 0 {
		r.failf("%d 503s without Retry-After", n)
	}
	return err
}

// signInClient is one client of the sign-in flood: it opens the authorize
// page, then signs in to base's authorize form with a wrong password for
// a made-up account of its own (w) until stop. It counts the sign-ins'
// answers, the calls that got none (the page's too), and the 503s
// without Retry-After.
func signInClient(base, authorize string, w int, stop <-chan struct{}, statuses *statusCounts, noRetry *atomic.Int64) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute}
	resp, err := c.Get(authorize)
	if err != nil {
		statuses.drop(err)
		return
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		statuses.drop(err)
		return
	}
	form := url.Values{}
	for _, m := range hiddenInputRe.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	form.Set("action", "signin")
	form.Set("workspace", "default")
	form.Set("email", fmt.Sprintf("nobody%d@example.com", w))
	form.Set("password", "not the password")
	for {
		select {
		case <-stop:
			return
		default:
		}
		resp, err := c.PostForm(base+"/external/v1/oauth2/authorize", form)
		if err != nil {
			statuses.drop(err)
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		statuses.add(resp.StatusCode)
		if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
			noRetry.Add(1)
		}
	}
}

// tokenLockoutTrial: from many addresses (the server trusts the loopback
// as a proxy, so X-Forwarded-For names them), 32 clients send the token
// endpoint a victim app's client_id with wrong secrets, and made-up client
// ids: half from one address each (which must be limited, 429), half from
// a new address at every request; meanwhile the victim app, from its own address, sends its real
// secret (with a refresh token that is no longer valid) once a second:
// it must get 400 invalid_grant every time, never 401 nor 429.
func tokenLockoutTrial(ctx context.Context, r *trialRun) error {
	env := r.env(r.dataDir(), "FATHOM_TRUSTED_PROXIES=127.0.0.1")
	clientID, secret, err := r.createApp(env)
	if err != nil {
		return err
	}
	p, err := r.start(ctx, env)
	if err != nil {
		return err
	}
	token := func(c *http.Client, from, body string) (int, error) {
		req, _ := http.NewRequest(http.MethodPost, p.url+"/external/v1/oauth2/token", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", from)
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	var attackers, victim statusCounts
	err = r.attack(ctx, p, r.seconds(20, 6), func(stop <-chan struct{}) {
		var wg sync.WaitGroup
		for w := range 32 {
			wg.Go(func() {
				c := &http.Client{Timeout: time.Minute}
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					// Half the attackers keep one address each (they are
					// limited), half take a new one at every request.
					from := fmt.Sprintf("10.0.0.%d", w+1)
					if w%2 == 1 {
						from = fmt.Sprintf("10.%d.%d.%d", w, rand.IntN(256), rand.IntN(254)+1)
					}
					body := "client_id=" + clientID + "&client_secret=wrong" + fmt.Sprint(i) + "&refresh_token=frt_x&grant_type=refresh_token"
					if i%2 == 1 {
						body = fmt.Sprintf("client_id=fci_madeup%d_%d&client_secret=x&refresh_token=frt_x&grant_type=refresh_token", w, i)
					}
					attackers.record(token(c, from, body))
				}
			})
		}
		wg.Go(func() {
			c := &http.Client{Timeout: time.Minute}
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				victim.record(token(c, "198.51.100.1", "client_id="+clientID+"&client_secret="+url.QueryEscape(secret)+"&refresh_token=frt_x&grant_type=refresh_token"))
			}
		})
		wg.Wait()
	})
	r.notef("attackers' answers %s; the victim app's answers %s", attackers.withDropped(), victim.withDropped())
	// Nothing stops the server during the attack: every call is owed an
	// answer, the attackers' as much as the victim's.
	answered(r, "attackers", &attackers)
	answered(r, "the victim app", &victim)
	if u := attackers.unexpected(http.StatusUnauthorized, http.StatusTooManyRequests, http.StatusBadRequest); u != "" {
		r.failf("attackers got answers other than 400, 401 and 429: %s", u)
	}
	if u := victim.unexpected(http.StatusBadRequest); u != "" {
		r.failf("the victim app was answered otherwise than 400 invalid_grant: %s", u)
	}
	if attackers.unexpected(http.StatusUnauthorized, http.StatusBadRequest) == "" {
		r.failf("no attacker was limited (429): the addresses that kept sending wrong secrets were never refused")
	}
	if victim.total() == 0 {
		r.failf("the victim app got no answer")
	}
	return err
}

// slowReadersTrial: the server holds a conversation of 64 messages of
// 32 KiB (2 MiB); 200 clients each ask for it and read the answer through
// a 4 KiB receive buffer, 1 KiB every 250 ms, so that no answer can be
// written out. Analysis is left queued (FATHOM_WORKERS=0), so that the
// figure is the reads' alone: the analysis of one 2 MiB conversation is
// outside the read path (docs/benchmarks.md).
func slowReadersTrial(ctx context.Context, r *trialRun) error {
	readers := 200
	if r.quick {
		readers = 50
	}
	return slowReaders(ctx, r, readers, "0")
}

func slowReaders(ctx context.Context, r *trialRun, readers int, workers string) error {
	settings := []string{"FATHOM_RATE_LIMIT=0", "FATHOM_ADDRESS_RATE_LIMIT=0"}
	if workers != "" {
		settings = append(settings, "FATHOM_WORKERS="+workers)
	}
	env := r.env(r.dataDir(), settings...)
	key, p, err := r.startWithKey(ctx, env)
	if err != nil {
		return err
	}
	content := strings.Repeat("The card was declined again at checkout. ", 800)[:32<<10]
	for i := 0; i < 64; i += 8 {
		var msgs []string
		for j := i; j < i+8; j++ {
			msgs = append(msgs, fmt.Sprintf("%d %s", j, content[:len(content)-8]))
		}
		status, _, raw, err := apiCall(http.DefaultClient, http.MethodPost, p.url+"/api/v1/context/track", key, trackBody("big", msgs...))
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("track: %d %v %.200s", status, err, raw)
		}
	}
	status, _, answer, err := apiCall(http.DefaultClient, http.MethodGet, p.url+"/api/v1/context/conversations/big", key, nil)
	if err != nil || status != http.StatusOK || !bytes.Contains(answer, []byte(`"messageCount":64`)) {
		return fmt.Errorf("read: %d %v %.200s", status, err, answer)
	}
	_, settled := residentMemory(p.pid)
	var received atomic.Int64
	var answers statusCounts
	request := "GET /api/v1/context/conversations/big HTTP/1.1\r\nHost: " + p.addr + "\r\nX-API-Key: " + key + "\r\n\r\n"
	err = r.attack(ctx, p, r.seconds(20, 6), func(stop <-chan struct{}) {
		var wg sync.WaitGroup
		for range readers {
			wg.Go(func() {
				slowReader(p.addr, request, stop, &answers, &received)
			})
		}
		wg.Wait()
	})
	r.notef("%d slow readers of a %d-byte answer (first page of a 2 MiB conversation); answers %s; %d KiB read in all; resident memory peak %d MiB before the attack",
		readers, len(answer), answers.withDropped(), received.Load()>>10, settled>>20)
	// Nothing stops the server during the attack: a server that refused or
	// closed the readers would hold no page, and pass the memory bound.
	answered(r, "slow readers", &answers)
	return err
}

// slowReader is one client of the slow-readers trial: it sends request on
// a connection of its own to addr, then reads 1 KiB every 250 ms until
// stop. It counts its answer's status once stop comes with the connection
// still open, or itself as a call that got no answer when the connection
// is refused or closed before, or no status line came by then. The
// attack is shorter than the server's write timeout (30 s), which would
// close the connection on purpose.
func slowReader(addr, request string, stop <-chan struct{}, answers *statusCounts, received *atomic.Int64) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		answers.drop(err)
		return
	}
	defer conn.Close()
	_ = conn.(*net.TCPConn).SetReadBuffer(4 << 10)
	if _, err := io.WriteString(conn, request); err != nil {
		answers.drop(err)
		return
	}
	buf := make([]byte, 1<<10)
	var head []byte // the answer's first bytes, up to its status code
	got := 0
	for {
		select {
		case <-stop:
			if status := statusCode(head); status != 0 {
				answers.add(status)
			} else {
				answers.drop(fmt.Errorf("no status line by the end of the attack (%q)", head))
			}
			return
		case <-time.After(250 * time.Millisecond):
		}
		_ = conn.SetReadDeadline(time.Now().Add(time.Second))
		n, err := conn.Read(buf)
		received.Add(int64(n))
		got += n
		if len(head) < len("HTTP/1.1 200") {
			head = append(head, buf[:min(n, len("HTTP/1.1 200")-len(head))]...)
		}
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			answers.drop(fmt.Errorf("closed after %d bytes: %w", got, err))
			return
		}
	}
}

// statusCode is the status of an HTTP/1.x answer that begins with head, or
// 0 when head holds no status code yet.
func statusCode(head []byte) int {
	var major, minor, status int
	if n, _ := fmt.Sscanf(string(head), "HTTP/%d.%d %3d", &major, &minor, &status); n != 3 || len(head) < len("HTTP/1.1 200") {
		return 0
	}
	return status
}

// uploadsTrial: 16 clients upload 1.5 MB recordings (a transcript of 30
// items) as fast as they can. Bodies over 1 MiB are read by a few slots;
// the rest wait, then are answered 503 with Retry-After. Every upload
// acknowledged with 201 must be readable afterwards.
func uploadsTrial(ctx context.Context, r *trialRun) error {
	env := r.env(r.dataDir(), "FATHOM_MEETINGS_RATE_LIMIT=0", "FATHOM_ADDRESS_RATE_LIMIT=0")
	key, p, err := r.startWithKey(ctx, env)
	if err != nil {
		return err
	}
	item := `{"speaker":{"display_name":"A"},"text":"` + strings.Repeat("word ", 10_000) + `","timestamp":"00:00:01"}`
	items := strings.TrimSuffix(strings.Repeat(item+",", 30), ",")
	var statuses statusCounts
	var noRetry atomic.Int64
	var mu sync.Mutex
	var acked []int64
	err = r.attack(ctx, p, r.seconds(20, 6), func(stop <-chan struct{}) {
		var wg sync.WaitGroup
		for w := range 16 {
			wg.Go(func() {
				c := &http.Client{Timeout: 2 * time.Minute, Transport: askingTransport()}
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					body := `{"external_id":"u` + fmt.Sprint(w, "-", i) + `","title":"Large","transcript":[` + items + `]}`
					status, retry, raw, err := apiCall(c, http.MethodPost, p.url+"/external/v1/recordings", key, []byte(body))
					if err != nil {
						statuses.drop(err)
						continue
					}
					statuses.add(status)
					if status == http.StatusServiceUnavailable && retry == "" {
						noRetry.Add(1)
					}
					var m struct {
						RecordingID int64 `json:"recording_id"`
					}
					if status == http.StatusCreated && json.Unmarshal(raw, &m) == nil {
						mu.Lock()
						acked = append(acked, m.RecordingID)
						mu.Unlock()
					}
				}
			})
		}
		wg.Wait()
	})
	if err != nil {
		return err
	}
	r.notef("16 clients; answers %s", statuses.withDropped())
	// Nothing stops the server during the uploads: a refusal is a 503,
	// never a connection closed or reset.
	answered(r, "uploads", &statuses)
	if u := statuses.unexpected(http.StatusCreated, http.StatusServiceUnavailable); u != "" {
		r.failf("answers other than 201 and 503: %s", u)
	}
	if n := noRetry.Load(); n > 0 {
		r.failf("%d 503s without Retry-After", n)
	}
	if len(acked) == 0 {
		r.failf("no upload was accepted")
	}
	r.lost = 0
	for _, id := range acked {
		status, _, _, err := apiCall(http.DefaultClient, http.MethodGet, fmt.Sprintf("%s/external/v1/meetings/%d", p.url, id), key, nil)
		if err != nil {
			return err
		}
		if status != http.StatusOK {
			r.lost++
		}
	}
	return nil
}
