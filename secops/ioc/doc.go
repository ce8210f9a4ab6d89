// Package ioc extracts indicators of compromise (IoCs) from text: IPv4 and
// IPv6 addresses, host names, URLs, e-mail addresses, MD5/SHA1/SHA256
// digests and Windows and Linux file paths, including their defanged forms.
// It is plain Go on strings, the counterpart of MSTICPy's IoCExtract, and
// the engine exposes it to KQL.
//
// # Go API
//
//	ms := ioc.Extract(text)                         // DefaultTypes: everything but paths
//	ms := ioc.Extract(text, ioc.URL, ioc.DNS)       // only these types
//	ms := ioc.ExtractWith(text, ioc.Options{...})   // NoDefang, TopLevel
//	ioc.Unique(ms)                                  // one match per (Type, Value)
//	ioc.ByType(ms)                                  // {"dns": ["a.com"], ...}
//	ioc.ParseTypes("ipv4", "url,dns")               // the KQL types argument
//
// Every occurrence is a Match: its Type, the refanged Value to pivot on,
// the Text as written, byte offsets, the type of the indicator it lies
// Within ("" at top level) and whether it was found only by percent-decoding
// a URL. Each type has a hand-written scanner (no regular expressions)
// that jumps between its trigger bytes ('.', ':', '@', '\', '/') with
// vectorised byte search: linear in the input, nothing to backtrack.
//
// # Types and how each is recognised
//
//   - ipv4: dotted quads with parts 0-255, not part of a longer dotted number
//     or name ("10.0.17763.1", "1.2.3.4.5" and "1.2.3.4.in-addr.arpa" are not
//     addresses).
//   - ipv6: every form net/netip parses (full, "::"-compressed, with an
//     embedded IPv4 part), zone dropped. The IPv4 part of "::ffff:1.2.3.4" is
//     also reported as ipv4, Within "ipv6".
//   - dns: two or more labels whose top-level domain is in the ICANN part of
//     the public-suffix list (golang.org/x/net/publicsuffix, compiled in) and
//     which is not itself a public suffix. Names followed by '@' (an e-mail
//     local part) or '(' (a method call) or preceded by '$' are skipped.
//   - url: http, https, ftp, ftps, sftp, tftp, telnet, ldap, ldaps, file, ws,
//     wss and smb URLs with userinfo, host, port, path, query and fragment;
//     trailing sentence punctuation and unbalanced brackets are not part of
//     the URL. The host (any syntactically valid name, even one label such as
//     "server", or an IP address) is reported as dns/ipv4/ipv6 Within "url".
//     A URL with %XX escapes is decoded and the decoded text scanned again
//     (three levels deep): what that reveals beyond the raw text is reported
//     with Decoded set, Within "url", at the URL's offsets.
//   - email: local@domain with a practical local part (letters, digits,
//     "._%+-") and a valid host name; the user part of a URL
//     ("https://user@host") is not an address.
//   - md5_hash, sha1_hash, sha256_hash: runs of exactly 32, 40 or 64 hex
//     digits delimited by non-hex characters, mixing letters and digits.
//   - windows_path: drive ("C:\x"), UNC ("\\host\share\x", "\\.\pipe\x",
//     "\\?\C:\x", "\??\C:\x"), relative (".\x", "..\x"), environment
//     ("%TEMP%\x") and rooted ("\Windows\x", after white space, a quote or
//     '=') paths; folder names may contain single spaces, quoted file names
//     too. A UNC host that is an address or valid name is reported Within
//     "windows_path".
//   - linux_path: absolute paths of two or more components ("/etc/passwd",
//     not the switch "/c") and "./x", "../x", "~/x".
//
// # Defanged indicators
//
// "[.]", "(.)", "{.}", "[dot]", "[at]", "(at)", "[@]", "[:]", "[://]" and
// "[/]" (any case, any of the three bracket pairs) and the schemes hxxp,
// hxxps, fxp, sfxp (and hXXp...) are recognised. Value holds the refanged
// indicator ("http://evil.com"), Text the defanged text as written
// ("hxxp://evil[.]com"). Options.NoDefang turns this off.
//
// # Overlaps
//
// As in MSTICPy, indicators inside other indicators are reported too: a
// URL's host as dns, an address or digest in a URL's path, the domain of an
// e-mail address. Each carries Within, the type of the outermost indicator
// containing it, so a caller (or a KQL query: where Within == "") can keep
// top-level indicators only; Options.TopLevel does that here. Two
// exceptions: host names inside file paths are dropped (they are file names
// such as "payload.zip" or "install.sh") unless they are a UNC path's host,
// and paths inside URLs or other indicators are dropped. When two types
// claim exactly the same text the higher priority wins: url, email, ipv4 and
// ipv6, digests, dns, windows_path, linux_path.
//
// # KQL functions built on this package
//
// extract_iocs(text [, types]) returns a dynamic property bag from type
// name to the array of distinct observables of that type, in order of first
// appearance: ByType(Extract(text, types...)). The optional types argument
// is a dynamic array of type names or a comma-separated string, parsed with
// ParseTypes; without it, DefaultTypes. Example:
//
//	print extract_iocs("see hxxp://evil[.]com/a and 10.1.2.3")
//	{"dns":["evil.com"],"ipv4":["10.1.2.3"],"url":["http://evil.com/a"]}
//
// evaluate ioc_extract(Column [, types]) emits, for each input row, one row
// per distinct (IoCType, Observable) of Unique(Extract(row[Column],
// types...)), in order of first appearance; rows without indicators emit
// nothing. Output columns: the input row's columns, then
//
//	IoCType     string  the Type name ("ipv4", "dns", ...)
//	Observable  string  Match.Value, refanged
//	Written     string  Match.Text, as written in the column
//	Within      string  Match.Within, "" for a top-level indicator
//
// so `evaluate ioc_extract(CommandLine) | where Within == ""` gives what
// MSTICPy's extract_df gives without its nested duplicates.
package ioc
