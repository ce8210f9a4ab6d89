package demo

import (
	"fmt"
	"time"
)

// indicator is a threat intelligence indicator of the organisation's feed.
type indicator struct {
	kind, value, threat, desc string
	group, malware            string
	confidence                float64
	severity                  int
	firstSeen                 time.Time
}

// indicators are the feed: the stories' infrastructure (found by the
// TI-matching analytics) among indicators the data never touches.
func (w *world) indicators() []indicator {
	r := newRNG(w.seed, "ti")
	start := w.cal.start.Add(-3 * 24 * time.Hour)
	out := []indicator{
		{"domain", c2Domain, "C2", "Domain hosting PowerShell stagers and C2 for a commodity loader", "STORM-0000", "PowerShell loader", 85, 4, start},
		{"ip", c2IP.String(), "C2", "C2 server of a commodity loader (HTTPS beacons every 60 s)", "STORM-0000", "PowerShell loader", 80, 4, start},
		{"domain", phishDomain, "Phishing", "Look-alike domain sending invoice-themed macro documents", "STORM-0000", "", 75, 3, start.Add(24 * time.Hour)},
		{"ip", dropperIP.String(), "Malware", "Serves a Linux cryptominer dropper (x.sh) to brute-forced SSH servers", "", "XMRig dropper", 70, 3, start},
		{"ip", sprayIP.String(), "WatchList", "Password spray source against Microsoft 365 tenants", "", "", 60, 2, start.Add(48 * time.Hour)},
	}
	for i := 0; i < 22; i++ {
		switch i % 3 {
		case 0:
			out = append(out, indicator{"domain", fmt.Sprintf("%s-%s.%s", pick(r, []string{"secure", "login", "update", "cdn", "portal", "verify"}), pick(r, []string{"account", "office", "docs", "mail", "files"}), pick(r, []string{"top", "xyz", "online", "site", "info"})),
				"Phishing", "Credential phishing landing page", "", "", 50 + float64(r.IntN(40)), 2, start.Add(time.Duration(r.IntN(200)) * time.Hour)})
		case 1:
			out = append(out, indicator{"ip", fmt.Sprintf("192.0.2.%d", 10+r.IntN(30)), "C2", "Cobalt Strike team server", "", "Cobalt Strike", 60 + float64(r.IntN(30)), 3, start.Add(time.Duration(r.IntN(200)) * time.Hour)})
		default:
			out = append(out, indicator{"ip", fmt.Sprintf("198.51.100.%d", 120+r.IntN(100)), "Botnet", "Scanning and brute-force botnet node", "", "Mirai", 40 + float64(r.IntN(40)), 2, start.Add(time.Duration(r.IntN(200)) * time.Hour)})
		}
	}
	return out
}

// tiHour writes the feed: each indicator when first ingested and again
// every day as the connector refreshes it.
func (w *world) tiHour(e *emitter, h int) {
	c := w.cols.ti
	from, to := w.cal.hourStart(h), w.cal.hourStart(h+1)
	for i, ind := range w.tiFeed {
		for t := ind.firstSeen; t.Before(to); t = t.Add(24 * time.Hour) {
			if t.Before(from) {
				continue
			}
			r := e.row(t)
			id := siteGUID("indicator" + ind.value)
			r.str(c.IndicatorId, id)
			r.str(c.ExternalIndicatorId, "indicator--"+id)
			r.set(c.Action, "alert")
			r.set(c.Active, true)
			r.set(c.ConfidenceScore, ind.confidence)
			r.str(c.Description, ind.desc)
			r.str(c.ThreatType, ind.threat)
			r.set(c.ThreatSeverity, int32(ind.severity))
			r.str(c.ActivityGroupNames, ind.group)
			r.str(c.MalwareNames, ind.malware)
			switch ind.kind {
			case "domain":
				r.str(c.DomainName, ind.value)
				r.str(c.Url, "http://"+ind.value+"/")
			case "ip":
				r.str(c.NetworkIP, ind.value)
				r.str(c.NetworkDestinationIP, ind.value)
			}
			r.set(c.ExpirationDateTime, w.cfg.End.Add(time.Duration(30+i)*24*time.Hour))
			r.set(c.IndicatorProvider, "Microsoft Defender Threat Intelligence")
			r.set(c.SourceSystem, "SecurityGraph")
			r.set(c.TrafficLightProtocolLevel, "Amber")
			r.set(c.KillChainC2, ind.threat == "C2")
			r.set(c.KillChainDelivery, ind.threat == "Phishing")
			r.set(c.PassiveOnly, false)
		}
	}
}
