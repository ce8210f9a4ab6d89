package kqlfunc

import "strings"

// ParsePath is parse_path(path): a file path's parts as a bag with Kusto's
// keys (Scheme, RootPath, DirectoryPath, DirectoryName, Filename,
// Extension, AlternateDataStreamName). Windows, UNC, Unix and file:// paths
// are understood; either slash separates.
func ParsePath(p string) any {
	out := map[string]any{"Scheme": "", "RootPath": "", "DirectoryPath": "", "DirectoryName": "",
		"Filename": "", "Extension": "", "AlternateDataStreamName": ""}
	rest := p
	if i := strings.Index(rest, "://"); i > 0 && isScheme(rest[:i]) {
		out["Scheme"] = rest[:i]
		rest = rest[i+3:]
	}
	if len(rest) >= 2 && rest[1] == ':' && isLetter(rest[0]) {
		out["RootPath"] = rest[:2]
	}
	sep := strings.LastIndexAny(rest, `\/`)
	dir, file := "", rest
	if sep >= 0 {
		dir, file = rest[:sep], rest[sep+1:]
	}
	// A colon after the drive letter starts an alternate data stream.
	if i := strings.IndexByte(file, ':'); i >= 0 && !(sep < 0 && i == 1) {
		out["AlternateDataStreamName"] = file[i+1:]
		file = file[:i]
	}
	out["DirectoryPath"] = dir
	if j := strings.LastIndexAny(dir, `\/`); j >= 0 {
		out["DirectoryName"] = dir[j+1:]
	} else if out["RootPath"] == "" {
		out["DirectoryName"] = dir
	}
	out["Filename"] = file
	if k := strings.LastIndexByte(file, '.'); k >= 0 {
		out["Extension"] = file[k+1:]
	}
	return out
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) && !(i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
			return false
		}
	}
	return true
}
