package kqlfunc

import (
	"strings"
	"sync"

	"github.com/ua-parser/uap-go/uaparser"
)

// userAgents is the ua-parser (uap-core regexes, which Kusto's
// parse_user_agent results follow), compiled on first use: compiling
// takes about 0.1 s, which a query without the function should not pay.
var userAgents = sync.OnceValues(func() (*uaparser.Parser, error) { return uaparser.New() })

// ParseUserAgent is parse_user_agent(ua, lookFor): lookFor is "browser",
// "os" or "device", or an array of them; the result has one bag per
// target (Browser, OperatingSystem, Device) with Kusto's field names.
// An unknown target gives null.
func ParseUserAgent(ua string, lookFor any) (any, bool) {
	var targets []string
	switch x := lookFor.(type) {
	case string:
		targets = []string{x}
	case []any:
		for _, t := range x {
			s, ok := t.(string)
			if !ok {
				return nil, false
			}
			targets = append(targets, s)
		}
	default:
		return nil, false
	}
	p, err := userAgents()
	if err != nil || len(targets) == 0 {
		return nil, false
	}
	out := map[string]any{}
	for _, t := range targets {
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "browser":
			b := p.ParseUserAgent(ua)
			out["Browser"] = map[string]any{"Family": b.Family, "MajorVersion": b.Major, "MinorVersion": b.Minor, "Patch": b.Patch}
		case "os":
			o := p.ParseOs(ua)
			out["OperatingSystem"] = map[string]any{"Family": o.Family, "MajorVersion": o.Major, "MinorVersion": o.Minor,
				"Patch": o.Patch, "PatchMinor": o.PatchMinor}
		case "device":
			d := p.ParseDevice(ua)
			out["Device"] = map[string]any{"Family": d.Family, "Brand": d.Brand, "Model": d.Model}
		default:
			return nil, false
		}
	}
	return out, true
}
