package webapp

import (
	"bytes"
	"html/template"
	"net/url"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// md renders summaries. goldmark's defaults are the sanitiser: raw HTML in
// the Markdown is dropped ("raw HTML omitted") and links with dangerous
// schemes (javascript:, vbscript:, file:, data: other than images) lose
// their href.
var md = goldmark.New()

// renderSummary renders a summary's Markdown; links into the meeting's
// share page are pointed at page (its call or share page, as a path), so
// that they stay on the page the reader is on, whatever host made them.
func renderSummary(src, shareToken, page string) (template.HTML, error) {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			if u, err := url.Parse(string(l.Destination)); err == nil && u.Path == "/share/"+shareToken {
				local := url.URL{Path: page, RawQuery: u.RawQuery, Fragment: u.Fragment}
				l.Destination = []byte(local.String())
			}
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, source, doc); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // #nosec: goldmark escapes text and drops raw HTML
}
