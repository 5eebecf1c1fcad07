package oauthapi

import (
	"html/template"
	"net/http"
)

// The sign-in, consent and error pages: plain HTML with inline styles, no
// scripts and no external assets, so that the strict Content-Security-Policy
// below holds.
var pages = template.Must(template.New("pages").Parse(`
{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2129;margin:0}
main{max-width:26rem;margin:4rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px rgba(0,0,0,.1)}
h1{font-size:1.3rem;margin-top:0} label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #c4c8cf;border-radius:4px}
button{margin-top:1.2rem;padding:.55rem 1.2rem;border:0;border-radius:4px;background:#3056d3;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#e3e6eb;color:#1d2129} .error{color:#b00020} .muted{color:#5f6672;font-size:.9rem}
</style></head><body><main>{{end}}

{{define "fields"}}{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<input type="hidden" name="csrf_token" value="{{.CSRF}}">{{end}}

{{define "signin"}}{{template "head" .}}
<h1>Sign in to continue to {{.AppName}}</h1>
{{if .Error}}<p class="error">{{.Error}}</p>{{end}}
<form method="post" action="{{.Action}}">
{{template "fields" .}}
<input type="hidden" name="action" value="signin">
<label for="workspace">Workspace</label><input type="text" id="workspace" name="workspace" value="{{.Workspace}}" required>
<label for="email">Email</label><input type="email" id="email" name="email" value="{{.Email}}" autocomplete="username" required>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></main></body></html>{{end}}

{{define "consent"}}{{template "head" .}}
<h1>{{.AppName}} wants to access your Fathom account</h1>
<p>Signed in as <strong>{{.Email}}</strong>.</p>
<p>{{.AppName}} asks for the scope <code>{{.Scope}}</code>: it will read the meetings, summaries, transcripts, teams and
webhooks you can see, and manage your webhooks, until you revoke its access.</p>
<p class="muted">You will be sent back to {{.RedirectHost}}.</p>
<form method="post" action="{{.Action}}">
{{template "fields" .}}
<input type="hidden" name="ticket" value="{{.Ticket}}">
<button type="submit" name="action" value="approve">Approve</button>
<button type="submit" name="action" value="deny" class="secondary">Deny</button>
</form></main></body></html>{{end}}

{{define "error"}}{{template "head" .}}
<h1>{{.Title}}</h1>
<p class="error">{{.Error}}</p>
<p class="muted">Go back to the application you came from and try again.</p>
</main></body></html>{{end}}
`))

// hidden is a form field carried from page to page.
type hidden struct{ Name, Value string }

// page is what every template reads; each uses what it needs.
type page struct {
	Title, Error, Action, CSRF string
	Hidden                     []hidden
	AppName, Scope, Email      string
	Workspace, Ticket          string
	RedirectHost               string
}

// render writes a page with headers that keep it out of caches and frames.
func render(w http.ResponseWriter, status int, name string, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_ = pages.ExecuteTemplate(w, name, p)
}

func errorPage(w http.ResponseWriter, status int, title, msg string) {
	render(w, status, "error", page{Title: title, Error: msg})
}
