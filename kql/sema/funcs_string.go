package sema

import "github.com/huntbook/huntbook/table"

// stringFuncs are the string, encoding and parsing functions.
func stringFuncs() []*Function {
	s, l, d, b := table.String, table.Long, table.Dynamic, table.Bool
	fs := []*Function{
		fnT("strcat", s, rep(PText)),
		fnT("strcat_delim", s, p(PText), p(PText), rep(PText)),
		fnT("strcmp", l, p(PText), p(PText)),
		fnT("strrep", s, p(PText), p(PInt), opt(PText)),
		fnT("strlen", l, p(PText)).named(NamePrefixFirstArg, "strlen"),
		fnT("string_size", l, p(PText)).named(NamePrefixFirstArg, "string_size"),
		fnT("toupper", s, p(PText)),
		fnT("tolower", s, p(PText)),
		fnT("substring", s, p(PText), p(PInt), opt(PInt)),
		fnT("regex_quote", s, p(PText)),
		fnT("indexof", l, p(PText), p(PText), opt(PInt), opt(PInt), opt(PInt)),
		fnT("indexof_regex", l, p(PText), p(PString), opt(PInt), opt(PInt), opt(PInt)).constArgs(1),
		fnT("has_any_index", l, p(PText), p(PDynamic)),
		fnT("reverse", s, p(PText)),
		fnT("split", d, p(PText), p(PString), opt(PInt)).named(NameFirstArg, ""),
		fnT("parse_command_line", d, p(PText), p(PString)),
		fnT("extract_all", d, p(PString), p(PText)).orT(d, p(PString), p(PDynamic), p(PText)).constArgs(0),
		fnT("replace_regex", s, p(PText), p(PString), p(PString)),
		fnT("replace", s, p(PString), p(PString), p(PText)),
		fnT("replace_string", s, p(PText), p(PText), p(PText)),
		fnT("replace_strings", s, p(PText), p(PDynamic), p(PDynamic)),
		fnT("trim", s, p(PString), p(PText)),
		fnT("trim_start", s, p(PString), p(PText)),
		fnT("trim_end", s, p(PString), p(PText)),
		fnT("countof", l, p(PText), p(PText), opt(PString)).constArgs(2),
		fnT("translate", s, p(PText), p(PText), p(PText)),
		fnT("unicode_codepoints_from_string", d, p(PText)),
		fnT("isascii", b, p(PText)),
		fnT("isutf8", b, p(PText)),
		fnT("punycode_from_string", s, p(PText)),
		fnT("punycode_to_string", s, p(PText)),
		fnT("punycode_domain_from_string", s, p(PText)),
		fnT("punycode_domain_to_string", s, p(PText)),
		fnT("base64_encode_tostring", s, p(PText)),
		fnT("base64_decode_tostring", s, p(PText)),
		fnT("base64_decode_toarray", d, p(PText)),
		fnT("base64_decode_toguid", table.GUID, p(PText)),
		fnT("base64_encode_fromguid", s, p(PAny)),
		fnT("base64_encode_fromarray", s, p(PDynamic)),
		fnT("url_encode", s, p(PText)),
		fnT("url_encode_component", s, p(PText)),
		fnT("url_decode", s, p(PText)),
		fnT("zlib_decompress_from_base64_string", s, p(PText)),
		fnT("zlib_compress_to_base64_string", s, p(PText)),
		fnT("gzip_decompress_from_base64_string", s, p(PText)),
		fnT("gzip_compress_to_base64_string", s, p(PText)),
		fnT("parse_csv", d, p(PText)).named(NameFirstArg, ""),
		fnT("parse_xml", d, p(PText)).named(NameFirstArg, ""),
		fnT("parse_url", d, p(PText)),
		fnT("parse_urlquery", d, p(PText)),
		fnT("parse_path", d, p(PText)),
		fnT("parse_version", table.Decimal, p(PText)),
		fnT("parse_user_agent", d, p(PText), p(PStrDyn)),
		fnT("unicode_codepoints_to_string", s, rep(PAny)),
		fnT("strcat_array", s, p(PDynamic), p(PText)),
		fnT("extract", s, p(PString), p(PInt), p(PText)).custom(checkExtract).constArgs(0, 1),
		fnT("extract_json", s, p(PString), p(PText)).custom(checkExtractJSON).constArgs(0),
	}
	fs = append(fs, aliasOf(fs, "base64_encode_tostring", "base64_encodestring")...)
	fs = append(fs, aliasOf(fs, "base64_decode_tostring", "base64_decodestring")...)
	fs = append(fs, aliasOf(fs, "extract_all", "extractall")...)
	fs = append(fs, aliasOf(fs, "extract_json", "extractjson")...)
	fs = append(fs, aliasOf(fs, "unicode_codepoints_to_string", "make_string")...)
	fs = append(fs, aliasOf(fs, "unicode_codepoints_from_string", "to_utf8")...)
	fs = append(fs, aliasOf(fs, "strcat_array", "array_strcat")...)
	fs = append(fs, aliasOf(fs, "parse_url", "parseurl")...)
	fs = append(fs, aliasOf(fs, "parse_urlquery", "parseurlquery")...)
	return fs
}

// aliasOf copies the function named name under other names (Kusto's
// deprecated spellings).
func aliasOf(fs []*Function, name string, aliases ...string) []*Function {
	for _, f := range fs {
		if f.Name == name {
			return alias(f, aliases...)[1:]
		}
	}
	panic("sema: alias of unknown function " + name)
}

// checkExtract types extract(regex, group, text [, typeof(T)]): a string,
// or T when a type is given.
func checkExtract(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	return checkTypedTail(c, call, args, 3, "extract")
}

// checkExtractJSON types extract_json(path, text [, typeof(T)]).
func checkExtractJSON(c *checker, call *syntaxCall, args []Expr) ([]Expr, table.Type) {
	return checkTypedTail(c, call, args, 2, "extract_json")
}

// checkTypedTail checks n fixed arguments against the function's
// signature and an optional trailing typeof(T) that sets the result type.
func checkTypedTail(c *checker, call *syntaxCall, args []Expr, n int, name string) ([]Expr, table.Type) {
	t := table.String
	fixed := args
	if len(args) == n+1 {
		ta, ok := args[n].(*TypeArg)
		if !ok {
			c.errorf(call.Args[n], "the last argument of %s() must be typeof(type)", name)
		}
		t, fixed = ta.T, args[:n]
	}
	f, _ := LookupFunction(name)
	g := *f
	g.Check = nil
	res := c.resolve(call, &g, fixed).(*Call)
	out := res.Args
	if len(args) == n+1 {
		out = append(out, args[n])
	}
	return out, t
}
