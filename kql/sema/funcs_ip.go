package sema

import "github.com/huntbook/huntbook/table"

// ipFuncs are the IPv4 and IPv6 functions.
func ipFuncs() []*Function {
	s, l, b, d := table.String, table.Long, table.Bool, table.Dynamic
	return []*Function{
		fnT("parse_ipv4", l, p(PText)),
		fnT("parse_ipv4_mask", l, p(PText), p(PInt)),
		fnT("format_ipv4", s, p(PAny), opt(PInt)),
		fnT("format_ipv4_mask", s, p(PAny), opt(PInt)),
		fnT("ipv4_compare", l, p(PText), p(PText), opt(PInt)),
		fnT("ipv4_is_match", b, p(PText), p(PText), opt(PInt)),
		fnT("ipv4_is_in_range", b, p(PText), p(PText)),
		fnT("ipv4_is_in_any_range", b, p(PText), rep(PStrDyn)),
		fnT("ipv4_netmask_suffix", l, p(PText)),
		fnT("ipv4_is_private", b, p(PText)),
		fnT("ipv4_range_to_cidr_list", d, p(PText), p(PText)),
		fnT("parse_ipv6", s, p(PText)),
		fnT("parse_ipv6_mask", s, p(PText), p(PInt)),
		fnT("ipv6_compare", l, p(PText), p(PText), opt(PInt)),
		fnT("ipv6_is_match", b, p(PText), p(PText), opt(PInt)),
		fnT("ipv6_is_in_range", b, p(PText), p(PText)),
		fnT("ipv6_is_in_any_range", b, p(PText), rep(PStrDyn)),
		fnT("has_ipv4", b, p(PText), p(PText)),
		fnT("has_ipv4_prefix", b, p(PText), p(PText)),
		fnT("has_any_ipv4", b, p(PText), rep(PStrDyn)),
		fnT("has_any_ipv4_prefix", b, p(PText), rep(PStrDyn)),
	}
}

// hashFuncs are the hash functions.
func hashFuncs() []*Function {
	s, l := table.String, table.Long
	return []*Function{
		fnT("hash", l, p(PNotDynamic), opt(PInt)),
		fnT("hash_xxhash64", l, p(PNotDynamic), opt(PInt)),
		fnT("hash_sha256", s, p(PNotDynamic)),
		fnT("hash_sha1", s, p(PNotDynamic)),
		fnT("hash_md5", s, p(PNotDynamic)),
		fnT("hash_combine", l, p(PInt), rep(PInt)),
		fnT("hash_many", l, rep(PNotDynamic)),
	}
}
