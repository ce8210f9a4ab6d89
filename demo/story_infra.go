package demo

import (
	"encoding/base64"
	"net/netip"
	"unicode/utf16"
)

// The attackers' infrastructure. Their addresses are in the ranges RFC 5737
// reserves for documentation, so the demo names no real network; the
// domains are invented.
const (
	c2Domain       = "sync-cdn-update.net"
	phishDomain    = "tailspin-freight.co" // look-alike of the partner tailspin-freight.com
	forwardAddress = "fwd-archive@mailbox-secure.net"
)

var (
	c2IP        = netip.MustParseAddr("198.51.100.23")
	phishIP     = netip.MustParseAddr("198.51.100.17")
	sprayIP     = netip.MustParseAddr("198.51.100.77")
	travelIP    = netip.MustParseAddr("192.0.2.44")
	bruteIP     = netip.MustParseAddr("192.0.2.201")
	dropperIP   = netip.MustParseAddr("192.0.2.150")
	sprayPlace  = place{"Amsterdam", "North Holland", "NL", 52.3676, 4.9041}
	travelPlace = place{"Lagos", "Lagos", "NG", 6.5244, 3.3792}
)

// psEncode is PowerShell's -EncodedCommand form of a script: base64 of its
// UTF-16LE bytes.
func psEncode(script string) string {
	u := utf16.Encode([]rune(script))
	b := make([]byte, 2*len(u))
	for i, x := range u {
		b[2*i], b[2*i+1] = byte(x), byte(x>>8)
	}
	return base64.StdEncoding.EncodeToString(b)
}
