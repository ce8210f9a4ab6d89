package kqlfunc

import "testing"

func TestIPv4(t *testing.T) {
	longs := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"192.168.1.1", 3232235777, true}, {"192.168.1.1/24", 3232235776, true}, {"255.255.255.255/31", 4294967294, true},
		{"127.0.0.1", 2130706433, true}, {"127.0.0.256", 0, false}, {"1.2.3", 0, false}, {"1.2.3.4/33", 0, false},
	}
	for _, tt := range longs {
		if got, ok := ParseIPv4(tt.in); ok != tt.ok || got != tt.want {
			t.Errorf("parse_ipv4(%q) = %d, %v", tt.in, got, ok)
		}
	}
	if got, _ := ParseIPv4Mask("127.2.3.4", 24); got != 2130838272 {
		t.Errorf("parse_ipv4_mask = %d", got)
	}
	bools := []struct {
		name string
		fn   func() (bool, bool)
		want bool
	}{
		{"match equal", func() (bool, bool) { return IPv4IsMatch("192.168.1.0", "192.168.1.0", 32) }, true},
		{"match /24 left", func() (bool, bool) { return IPv4IsMatch("192.168.1.1/24", "192.168.1.255", 32) }, true},
		{"match /24 right", func() (bool, bool) { return IPv4IsMatch("192.168.1.1", "192.168.1.255/24", 32) }, true},
		{"match /30 /24", func() (bool, bool) { return IPv4IsMatch("192.168.1.1/30", "192.168.1.255/24", 32) }, true},
		{"match 31", func() (bool, bool) { return IPv4IsMatch("192.168.1.1", "192.168.1.0", 31) }, true},
		{"match 24 arg", func() (bool, bool) { return IPv4IsMatch("192.168.1.1", "192.168.1.255", 24) }, true},
		{"no match", func() (bool, bool) { return IPv4IsMatch("192.168.1.1", "192.168.1.255", 32) }, false},
		{"in range equal", func() (bool, bool) { return IPv4IsInRange("192.168.1.1", "192.168.1.1") }, true},
		{"in range /24", func() (bool, bool) { return IPv4IsInRange("192.168.1.1", "192.168.1.255/24") }, true},
		{"not in range", func() (bool, bool) { return IPv4IsInRange("192.168.2.1", "192.168.1.255/24") }, false},
		{"private 10", func() (bool, bool) { return IPv4IsPrivate("10.1.2.3") }, true},
		{"private /24", func() (bool, bool) { return IPv4IsPrivate("192.168.1.1/24") }, true},
		{"loopback", func() (bool, bool) { return IPv4IsPrivate("127.0.0.1") }, false},
		{"172.32", func() (bool, bool) { return IPv4IsPrivate("172.32.0.1") }, false},
		{"any range", func() (bool, bool) { return IPv4IsInAnyRange("10.1.2.3", []any{"192.168.0.0/16", "10.0.0.0/8"}) }, true},
	}
	for _, tt := range bools {
		if got, ok := tt.fn(); !ok || got != tt.want {
			t.Errorf("%s = %v, %v", tt.name, got, ok)
		}
	}
	if _, ok := IPv4IsPrivate("x"); ok {
		t.Error("ipv4_is_private(x) not null")
	}
	if got, _ := IPv4NetmaskSuffix("192.168.255.255/24"); got != 24 {
		t.Errorf("netmask suffix = %d", got)
	}
	formats := []struct {
		addr     string
		mask     int64
		ip, full string
	}{
		{"192.168.1.1", 24, "192.168.1.0", "192.168.1.0/24"},
		{"192.168.1.1", 32, "192.168.1.1", "192.168.1.1/32"},
		{"192.168.1.1/24", 32, "192.168.1.0", "192.168.1.0/24"},
		{"192.168.1.1/24", -1, "", ""},
	}
	for _, tt := range formats {
		if got := FormatIPv4(tt.addr, tt.mask); got != tt.ip {
			t.Errorf("format_ipv4(%q, %d) = %q", tt.addr, tt.mask, got)
		}
		if got := FormatIPv4Mask(tt.addr, tt.mask); got != tt.full {
			t.Errorf("format_ipv4_mask(%q, %d) = %q", tt.addr, tt.mask, got)
		}
	}
	if got := FormatIPv4Long(3232235777, 24); got != "192.168.1.0" {
		t.Errorf("format_ipv4(long) = %q", got)
	}
}

func TestHasIPv4(t *testing.T) {
	tests := []struct {
		got, want bool
	}{
		{HasIPv4("05:04:54 127.0.0.1 GET /favicon.ico 404", "127.0.0.1"), true},
		{HasIPv4("05:04:54 127.0.0.256 GET /favicon.ico 404", "127.0.0.256"), false},
		{HasIPv4("05:04:54127.0.0.1 GET /favicon.ico 404", "127.0.0.1"), false},
		{HasIPv4("from 10.0.0.1.", "10.0.0.1"), true},
		{HasIPv4Prefix("05:04:54 127.0.0.1 GET /favicon.ico 404", "127.0."), true},
		{HasIPv4Prefix("05:04:54 127.0.0.1 GET /favicon.ico 404", "127.0"), false},
		{HasIPv4Prefix("05:04:54 127.0.0.256 GET /favicon.ico 404", "127.0."), false},
		{HasIPv4Prefix("05:04:54127.0.0.1 GET /favicon.ico 404", "127.0."), false},
		{HasAnyIPv4("05:04:54 127.0.0.1 GET /favicon.ico 404", []any{"127.0.0.1", "127.0.0.2"}), true},
		{HasAnyIPv4("05:04:54 127.0.0.256 GET /favicon.ico 404", []any{"127.0.0.256", "192.168.1.1"}), false},
		{HasAnyIPv4("05:04:54127.0.0.1 GET /favicon.ico 404", []any{"127.0.0.1", "192.168.1.1"}), false},
		{HasAnyIPv4Prefix("x 10.1.2.3 y", []any{"192.", "10.1."}), true},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d = %v", i, tt.got)
		}
	}
}

func TestIPv6(t *testing.T) {
	parse := []struct{ in, want string }{
		{"192.168.255.255", "0000:0000:0000:0000:0000:ffff:c0a8:ffff"},
		{"192.168.255.255/24", "0000:0000:0000:0000:0000:ffff:c0a8:ff00"},
		{"255.255.255.255", "0000:0000:0000:0000:0000:ffff:ffff:ffff"},
		{"fe80::85d:e82c:9446:7994/120", "fe80:0000:0000:0000:085d:e82c:9446:7900"},
	}
	for _, tt := range parse {
		if got, ok := ParseIPv6(tt.in); !ok || got != tt.want {
			t.Errorf("parse_ipv6(%q) = %q, %v", tt.in, got, ok)
		}
	}
	if got, _ := ParseIPv6Mask("192.168.255.255", 120); got != "0000:0000:0000:0000:0000:ffff:c0a8:ff00" {
		t.Errorf("parse_ipv6_mask = %q", got)
	}
	cmps := []struct {
		a, b   string
		prefix int64
	}{
		{"192.168.1.1", "192.168.1.1", 128}, {"192.168.1.1/24", "192.168.1.255", 128},
		{"192.168.1.1", "192.168.1.255/24", 128}, {"192.168.1.1/30", "192.168.1.255/24", 128},
		{"fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7994", 128},
		{"fe80::85d:e82c:9446:7994/120", "fe80::85d:e82c:9446:7998", 128},
		{"fe80::85d:e82c:9446:7994/120", "fe80::85d:e82c:9446:7998/120", 128},
		{"192.168.1.1", "192.168.1.0", 31}, {"192.168.1.1/24", "192.168.1.255", 31}, {"192.168.1.1", "192.168.1.255", 24},
		{"fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7995", 127},
		{"fe80::85d:e82c:9446:7994/127", "fe80::85d:e82c:9446:7998", 120},
		{"fe80::85d:e82c:9446:7994/120", "fe80::85d:e82c:9446:7998", 127},
		{"192.168.1.1/24", "::ffff:c0a8:01ff", 127}, {"::ffff:c0a8:0101", "192.168.1.255", 120},
	}
	for _, tt := range cmps {
		if got, ok := IPv6Compare(tt.a, tt.b, tt.prefix); !ok || got != 0 {
			t.Errorf("ipv6_compare(%q, %q, %d) = %d, %v", tt.a, tt.b, tt.prefix, got, ok)
		}
	}
	if got, _ := IPv6Compare("::1", "::2", 128); got != -1 {
		t.Errorf("ipv6_compare(::1, ::2) = %d", got)
	}
	ranges := []struct {
		ip, rng string
		want    bool
	}{
		{"a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", "a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112", true},
		{"a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", true},
		{"a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", "0:0:0:0:0:ffff:c0a8:ac/60", false},
	}
	for _, tt := range ranges {
		if got, ok := IPv6IsInRange(tt.ip, tt.rng); !ok || got != tt.want {
			t.Errorf("ipv6_is_in_range(%q, %q) = %v, %v", tt.ip, tt.rng, got, ok)
		}
	}
}

func FuzzIPParsers(f *testing.F) {
	for _, s := range []string{"1.2.3.4/24", "fe80::1/64", "::ffff:1.2.3.4", "x 10.0.0.1. y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseIPv4(s)
		ParseIPv6(s)
		HasAnyIPv4Prefix(s, []any{"10.", s})
		if a, ok := ParseIPv4(s); ok && a < 0 {
			t.Fatalf("negative address %d", a)
		}
	})
}
