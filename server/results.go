package server

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"strings"

	"github.com/huntbook/huntbook/render"
	"github.com/huntbook/huntbook/table"
)

const (
	// maxPageRows caps one page: the grid asks for what fits a screen or
	// two, never the whole result.
	maxPageRows = 5000
	// csvChunk is how many rows a CSV download reads per page.
	csvChunk = 10000
	// maxChartRows is how many rows a chart reads; a chart of more rows
	// than this says so in its notes (render the summary, not the events).
	maxChartRows = 200000
	// maxTreeNodes is how many processes the browser's process tree gets:
	// more than the SVG (it collapses), still bounded.
	maxTreeNodes = 5000
)

// pageResponse is a page as the browser reads it: values in table's JSON
// forms (datetimes as Kusto text, dynamic as JSON).
type pageResponse struct {
	Offset int64   `json:"offset"`
	Total  int64   `json:"total"`
	Rows   [][]any `json:"rows"`
}

func (s *Server) result(w http.ResponseWriter, r *http.Request) (Result, bool) {
	rm, err := s.hub.room(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	res, err := rm.sess.Result(r.Context(), r.PathValue("rid"))
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return res, true
}

// parsePageQuery reads the view (sort, filters, search) and the page
// bounds from the q parameter, a JSON PageQuery.
func parsePageQuery(r *http.Request) (PageQuery, error) {
	var q PageQuery
	if text := r.URL.Query().Get("q"); text != "" {
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return q, fmt.Errorf("%w: q: %v", ErrInvalid, err)
		}
	}
	if q.Offset < 0 || q.Limit < 0 {
		return q, fmt.Errorf("%w: negative offset or limit", ErrInvalid)
	}
	if q.Limit == 0 || q.Limit > maxPageRows {
		q.Limit = min(max(q.Limit, 100), maxPageRows)
	}
	return q, nil
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	q, err := parsePageQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, ok := s.result(w, r)
	if !ok {
		return
	}
	p, err := res.Page(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageResponse{Offset: p.Offset, Total: p.Total, Rows: jsonRows(p.Rows)})
}

func jsonRows(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, row := range rows {
		r := make([]any, len(row))
		for j, v := range row {
			r[j] = table.JSONValue(v)
		}
		out[i] = r
	}
	return out
}

// handleCSV streams the view (sorted and filtered as the grid shows it) as
// CSV, page by page, so a large result never sits whole in memory.
func (s *Server) handleCSV(w http.ResponseWriter, r *http.Request) {
	q, err := parsePageQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, ok := s.result(w, r)
	if !ok {
		return
	}
	info := res.Info()
	q.Offset, q.Limit = 0, csvChunk
	first, err := res.Page(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": csvName(info)}))
	cw := csv.NewWriter(w)
	header := make([]string, len(info.Columns))
	for i, c := range info.Columns {
		header[i] = c.Name
	}
	_ = cw.Write(header)
	for p := first; ; {
		for _, row := range p.Rows {
			rec := make([]string, len(row))
			for i, v := range row {
				rec[i] = csvField(info.Columns[i].Type, v)
			}
			_ = cw.Write(rec)
		}
		q.Offset += int64(len(p.Rows))
		if len(p.Rows) == 0 || q.Offset >= p.Total {
			break
		}
		if p, err = res.Page(r.Context(), q); err != nil {
			s.log.Error("csv download cut short", "err", err)
			break // the header is sent; the truncated file is all we can do
		}
	}
	cw.Flush()
}

// csvField writes a value for a spreadsheet. Log data is attacker-written:
// a text value starting with = + - @ or a control character would run as a
// formula in Excel or LibreOffice (CSV injection), so it gets a leading
// apostrophe, as OWASP advises. Numbers, datetimes and timespans are
// written as they are.
func csvField(typ table.Type, v any) string {
	text := table.FormatValue(v)
	switch typ {
	case table.String, table.Dynamic, table.GUID:
		if text != "" && strings.ContainsRune("=+-@\t\r", rune(text[0])) {
			return "'" + text
		}
	}
	return text
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

func csvName(info ResultInfo) string {
	name := info.Name
	if name == "" {
		name = "result"
	}
	return unsafeFileChars.ReplaceAllString(name, "_") + ".csv"
}

// chartResponse is the chart model of a result, or why it cannot be drawn.
type chartResponse struct {
	Chart *render.Chart `json:"chart,omitempty"`
	Error string        `json:"error,omitempty"`
}

// handleChart builds the chart model (docs/render.md) from the first
// maxChartRows rows of the result in its natural order.
func (s *Server) handleChart(w http.ResponseWriter, r *http.Request) {
	res, ok := s.result(w, r)
	if !ok {
		return
	}
	info := res.Info()
	if info.Visualization == nil {
		writeJSON(w, http.StatusOK, chartResponse{Error: "the result has no render visualization"})
		return
	}
	t := &table.Table{Columns: info.Columns, Visualization: info.Visualization}
	var total int64
	for off := int64(0); off < maxChartRows; {
		p, err := res.Page(r.Context(), PageQuery{Offset: off, Limit: min(maxPageRows, int(maxChartRows-off))})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		t.Rows = append(t.Rows, p.Rows...)
		total, off = p.Total, off+int64(len(p.Rows))
		if len(p.Rows) == 0 || off >= p.Total {
			break
		}
	}
	c, err := render.BuildChart(t, render.Options{MaxTreeNodes: maxTreeNodes})
	if err != nil {
		var ce *render.ChartError
		if errors.As(err, &ce) {
			writeJSON(w, http.StatusOK, chartResponse{Error: err.Error()})
			return
		}
		s.fail(w, r, err)
		return
	}
	if total > int64(len(t.Rows)) {
		c.Notes = append(c.Notes, fmt.Sprintf("drawn from the first %d of %d rows", len(t.Rows), total))
	}
	writeJSON(w, http.StatusOK, chartResponse{Chart: c})
}
