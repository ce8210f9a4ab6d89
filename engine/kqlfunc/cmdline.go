package kqlfunc

// ParseCommandLine is parse_command_line(cmd, "windows"): the arguments as
// CommandLineToArgvW splits them. ok is false (null) for another parser.
//
// The rules: arguments are separated by spaces and tabs; the first one (the
// program) ends at the next quote if it starts with one, else at
// whitespace, and its backslashes are literal; in the others 2n
// backslashes before a quote give n backslashes and the quote opens or
// closes a quoted part, 2n+1 give n backslashes and a literal quote, and
// inside a quoted part "" is a literal quote.
func ParseCommandLine(cmd, parser string) (any, bool) {
	if parser != "windows" {
		return nil, false
	}
	args := []any{}
	i := skipBlanks(cmd, 0)
	if i == len(cmd) {
		return args, true
	}
	prog, i := programName(cmd, i)
	args = append(args, prog)
	for i = skipBlanks(cmd, i); i < len(cmd); i = skipBlanks(cmd, i) {
		var arg string
		arg, i = nextArg(cmd, i)
		args = append(args, arg)
	}
	return args, true
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func programName(s string, i int) (string, int) {
	if s[i] == '"' {
		end := i + 1
		for end < len(s) && s[end] != '"' {
			end++
		}
		prog := s[i+1 : end]
		if end < len(s) {
			end++
		}
		return prog, end
	}
	end := i
	for end < len(s) && s[end] != ' ' && s[end] != '\t' {
		end++
	}
	return s[i:end], end
}

func nextArg(s string, i int) (string, int) {
	var b []byte
	quoted := false
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			n := 0
			for i < len(s) && s[i] == '\\' {
				n++
				i++
			}
			if i < len(s) && s[i] == '"' {
				b = appendN(b, '\\', n/2)
				if n%2 == 1 {
					b = append(b, '"')
					i++
				}
			} else {
				b = appendN(b, '\\', n)
			}
		case c == '"':
			if quoted && i+1 < len(s) && s[i+1] == '"' {
				b = append(b, '"')
				i += 2
				continue
			}
			quoted = !quoted
			i++
		case (c == ' ' || c == '\t') && !quoted:
			return string(b), i
		default:
			b = append(b, c)
			i++
		}
	}
	return string(b), i
}

func appendN(b []byte, c byte, n int) []byte {
	for range n {
		b = append(b, c)
	}
	return b
}
