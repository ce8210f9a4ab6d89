package notebook

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Sanitizer makes HTML from a notebook safe to show: it keeps text
// formatting, links, lists, tables, code and images embedded as data: URIs,
// and removes everything that can run script or load from the network
// (script, style, iframes, event handlers, javascript: URLs, remote images,
// style attributes). A notebook opened from disk may come from anyone;
// every HTML and markdown output passes through here before a browser sees
// it. A Sanitizer is safe for concurrent use.
type Sanitizer struct {
	policy *bluemonday.Policy
	md     goldmark.Markdown
}

// dataImage matches the data: URIs images may use. SVG is safe here: an SVG
// loaded through <img> runs no script and loads nothing.
var dataImage = regexp.MustCompile(`^data:image/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*$`)

var safeClass = regexp.MustCompile(`^[A-Za-z0-9_ -]*$`)

// NewSanitizer builds the policy and the markdown renderer.
func NewSanitizer() *Sanitizer {
	p := bluemonday.NewPolicy()
	p.AllowStandardURLs()
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.AllowAttrs("href").OnElements("a")
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "code", "kbd", "samp", "var", "em", "strong", "b", "i", "u",
		"s", "del", "ins", "sub", "sup", "small", "mark", "span", "div", "abbr",
		"details", "summary", "figure", "figcaption", "dl", "dt", "dd", "caption")
	p.AllowLists()
	p.AllowTables()
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("class").Matching(safeClass).Globally()
	p.AllowAttrs("open").OnElements("details")
	// GFM task lists.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").OnElements("input")
	p.AllowDataURIImages()
	p.AllowAttrs("src").Matching(dataImage).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("img")

	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Linkify, extension.Strikethrough, extension.TaskList,
			// Cell alignment as the align attribute: style attributes are
			// stripped by the policy (and refused by the report's CSP).
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		),
		// Raw HTML in markdown is common in notebooks (<details>, <br>);
		// it is passed through here and made safe by the policy.
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	return &Sanitizer{policy: p, md: md}
}

// HTML returns the safe subset of untrusted HTML.
func (s *Sanitizer) HTML(untrusted string) string {
	return s.policy.Sanitize(untrusted)
}

// Markdown renders GitHub-flavoured markdown to safe HTML. Images written
// as attachment:NAME take their data from the cell's attachments.
func (s *Sanitizer) Markdown(src string, attachments map[string]MIMEBundle) string {
	var buf bytes.Buffer
	ctx := parser.NewContext()
	doc := s.md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(ctx))
	if len(attachments) > 0 {
		inlineAttachments(doc, attachments)
	}
	if err := s.md.Renderer().Render(&buf, []byte(src), doc); err != nil {
		// Rendering into a bytes.Buffer cannot fail; show the text if it does.
		return "<pre>" + escapeText(src) + "</pre>"
	}
	return s.policy.Sanitize(buf.String())
}

// inlineAttachments rewrites attachment:NAME image destinations to data:
// URIs of the attachment's image data.
func inlineAttachments(doc ast.Node, attachments map[string]MIMEBundle) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		name, ok := strings.CutPrefix(string(img.Destination), "attachment:")
		if !ok {
			return ast.WalkContinue, nil
		}
		if uri := imageDataURI(attachments[name]); uri != "" {
			img.Destination = util.StringToReadOnlyBytes(uri)
		}
		return ast.WalkContinue, nil
	})
}

// imageDataURI returns a data: URI for the first image in the bundle, or "".
func imageDataURI(b MIMEBundle) string {
	for _, mime := range []string{"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"} {
		data, ok := b[mime].(string)
		if !ok {
			continue
		}
		if mime == "image/svg+xml" {
			return svgDataURI(data)
		}
		return "data:" + mime + ";base64," + strings.Join(strings.Fields(data), "")
	}
	return ""
}

var defaultSanitizer = sync.OnceValue(NewSanitizer)

// SanitizeHTML returns the safe subset of untrusted HTML, using a shared
// Sanitizer.
func SanitizeHTML(untrusted string) string { return defaultSanitizer().HTML(untrusted) }

// RenderMarkdown renders markdown to safe HTML, using a shared Sanitizer.
func RenderMarkdown(src string, attachments map[string]MIMEBundle) string {
	return defaultSanitizer().Markdown(src, attachments)
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

func escapeText(s string) string { return textEscaper.Replace(s) }
