package ioc

import (
	"fmt"
	"strings"
)

// Type names a kind of indicator. The names are MSTICPy's IoCType names, so
// notebooks and queries written for MSTICPy's IoCExtract keep working.
type Type string

// The indicator types, in the stable order Types returns them.
const (
	IPv4        Type = "ipv4"
	IPv6        Type = "ipv6"
	DNS         Type = "dns"
	URL         Type = "url"
	Email       Type = "email"
	MD5         Type = "md5_hash"
	SHA1        Type = "sha1_hash"
	SHA256      Type = "sha256_hash"
	WindowsPath Type = "windows_path"
	LinuxPath   Type = "linux_path"
)

// allTypes is the stable order of every type.
var allTypes = [...]Type{IPv4, IPv6, DNS, URL, Email, MD5, SHA1, SHA256, WindowsPath, LinuxPath}

// Types returns every supported type in a stable order.
func Types() []Type { return append([]Type(nil), allTypes[:]...) }

// DefaultTypes returns the types extracted when none are named: every type
// except the two path types, as MSTICPy does (paths are noisy and are
// extracted only on request).
func DefaultTypes() []Type {
	return []Type{IPv4, IPv6, DNS, URL, Email, MD5, SHA1, SHA256}
}

// ParseType maps a type name to its Type, case-insensitively. It accepts the
// MSTICPy names and a few aliases analysts type (ip, domain, hostname,
// md5, sha1, sha256).
func ParseType(name string) (Type, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, t := range allTypes {
		if string(t) == n {
			return t, nil
		}
	}
	switch n {
	case "domain", "hostname", "host":
		return DNS, nil
	case "md5":
		return MD5, nil
	case "sha1":
		return SHA1, nil
	case "sha256":
		return SHA256, nil
	case "mail", "e-mail":
		return Email, nil
	}
	return "", fmt.Errorf("unknown IoC type %q (want one of %s)", name, typeList())
}

// ParseTypes parses a list of names such as the elements of the optional
// types argument of extract_iocs. Names may also be comma-separated inside
// one element. Duplicates are removed; an empty list yields nil (meaning
// DefaultTypes).
func ParseTypes(names ...string) ([]Type, error) {
	var out []Type
	seen := map[Type]bool{}
	for _, elem := range names {
		for _, n := range strings.Split(elem, ",") {
			if strings.TrimSpace(n) == "" {
				continue
			}
			t, err := ParseType(strings.TrimSpace(n))
			if err != nil {
				return nil, err
			}
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}

func typeList() string {
	names := make([]string, len(allTypes))
	for i, t := range allTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// kind is the scanners' compact form of a Type: kNone, then allTypes[k-1].
// Candidates hold a kind rather than a Type so they carry no pointers and
// sort without write barriers.
type kind uint8

const (
	kNone kind = iota
	kIPv4
	kIPv6
	kDNS
	kURL
	kEmail
	kMD5
	kSHA1
	kSHA256
	kWindowsPath
	kLinuxPath
)

func (k kind) Type() Type { return allTypes[k-1] }

// priority decides between two kinds that claim exactly the same text
// (lower wins): a URL beats an e-mail address, an address beats a host
// name, a host name beats a path. With the scanners' delimiting rules such
// ties are rare; the order mirrors MSTICPy's pattern priorities.
func (k kind) priority() int {
	switch k {
	case kURL:
		return 0
	case kEmail:
		return 1
	case kIPv4, kIPv6:
		return 2
	case kMD5, kSHA1, kSHA256:
		return 3
	case kDNS:
		return 4
	case kWindowsPath:
		return 5
	}
	return 6
}

// rank is the index of t in allTypes (a switch: it runs once per match).
func rank(t Type) int {
	switch t {
	case IPv4:
		return 0
	case IPv6:
		return 1
	case DNS:
		return 2
	case URL:
		return 3
	case Email:
		return 4
	case MD5:
		return 5
	case SHA1:
		return 6
	case SHA256:
		return 7
	case WindowsPath:
		return 8
	case LinuxPath:
		return 9
	}
	return len(allTypes)
}

// typeSet is a small bit set over allTypes.
type typeSet uint16

func setOf(types []Type) typeSet {
	var s typeSet
	for _, t := range types {
		s |= 1 << rank(t)
	}
	return s
}

func (s typeSet) has(t Type) bool { return s&(1<<rank(t)) != 0 }
