package demo

import (
	"time"
)

// GroundTruthTable is the table listing the attack stories hidden in the
// data: what happened, the MITRE ATT&CK techniques, the entities an analyst
// should find, the time window, the tables that show it, whether a product
// raised an alert, and a KQL query that finds it.
const GroundTruthTable = "HuntbookGroundTruth"

// truth is one ground truth row.
type truth struct {
	story, title, technique, tactics, description string
	users, accounts, hosts, ips, domains          []string
	files, urls                                   []string
	start, end                                    time.Time
	tables                                        []string
	alerted                                       bool
	query                                         string
}

func strs(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// truthHour writes the ground truth once, in the last hour of the data.
func (w *world) truthHour(e *emitter, h int) {
	if h != w.cal.hours-1 {
		return
	}
	c := w.cols.truth
	at := w.cfg.End.Add(-time.Second)
	for _, x := range w.story.truth {
		r := e.row(at)
		r.str(c.Story, x.story)
		r.str(c.Title, x.title)
		r.str(c.Technique, x.technique)
		r.str(c.Tactics, x.tactics)
		r.str(c.Description, x.description)
		r.set(c.Entities, map[string]any{"users": strs(x.users), "accounts": strs(x.accounts), "hosts": strs(x.hosts),
			"ips": strs(x.ips), "domains": strs(x.domains), "files": strs(x.files), "urls": strs(x.urls)})
		r.set(c.StartTime, x.start)
		r.set(c.EndTime, minTime(x.end, w.cfg.End))
		r.set(c.Tables, strs(x.tables))
		r.set(c.Alerted, x.alerted)
		r.str(c.HuntQuery, x.query)
	}
}

// Truth describes a story for callers that check the data (tests,
// notebooks) without reading the table.
type Truth struct {
	Story, Title, Technique string
	Users, Hosts, IPs       []string
	Domains, Files          []string
	Start, End              time.Time
	Tables                  []string
	Alerted                 bool
	HuntQuery               string
}

// GroundTruth returns the stories a Config's data contains.
func GroundTruth(cfg Config) ([]Truth, error) {
	w, err := newWorld(cfg)
	if err != nil {
		return nil, err
	}
	var out []Truth
	for _, x := range w.story.truth {
		out = append(out, Truth{Story: x.story, Title: x.title, Technique: x.technique, Users: x.users, Hosts: x.hosts, IPs: x.ips,
			Domains: x.domains, Files: x.files, Start: x.start, End: minTime(x.end, w.cfg.End), Tables: x.tables, Alerted: x.alerted, HuntQuery: x.query})
	}
	return out, nil
}
