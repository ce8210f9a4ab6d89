package demo

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// image is an executable file: its path, version information and hashes.
// Hashes are derived from the path (and a version tag) so the same binary
// has the same hashes on every host, as real software does.
type image struct {
	path, dir, name string
	company         string
	product         string
	desc            string
	original        string
	size            int64
	sha1, sha256    string
	md5             string
	bPath, bName    any // boxed once for rows

	// For val (nil when empty), boxed by images.get: file events, whose
	// images are not cached, use the strings.
	bSHA1, bSHA256, bMD5                 any
	bCompany, bProduct, bDesc, bOriginal any
	bSize                                any // size, an int64
}

// imageInfo is the version information of well-known binaries.
var imageInfo = map[string][3]string{ // lower-case file name → company, product, description
	"svchost.exe":      {"Microsoft Corporation", "Microsoft® Windows® Operating System", "Host Process for Windows Services"},
	"explorer.exe":     {"Microsoft Corporation", "Microsoft® Windows® Operating System", "Windows Explorer"},
	"cmd.exe":          {"Microsoft Corporation", "Microsoft® Windows® Operating System", "Windows Command Processor"},
	"powershell.exe":   {"Microsoft Corporation", "Microsoft® Windows® Operating System", "Windows PowerShell"},
	"conhost.exe":      {"Microsoft Corporation", "Microsoft® Windows® Operating System", "Console Window Host"},
	"rundll32.exe":     {"Microsoft Corporation", "Microsoft® Windows® Operating System", "Windows host process (Rundll32)"},
	"winword.exe":      {"Microsoft Corporation", "Microsoft Office", "Microsoft Word"},
	"excel.exe":        {"Microsoft Corporation", "Microsoft Office", "Microsoft Excel"},
	"powerpnt.exe":     {"Microsoft Corporation", "Microsoft Office", "Microsoft PowerPoint"},
	"outlook.exe":      {"Microsoft Corporation", "Microsoft Office", "Microsoft Outlook"},
	"chrome.exe":       {"Google LLC", "Google Chrome", "Google Chrome"},
	"msedge.exe":       {"Microsoft Corporation", "Microsoft Edge", "Microsoft Edge"},
	"ms-teams.exe":     {"Microsoft Corporation", "Microsoft Teams", "Microsoft Teams"},
	"onedrive.exe":     {"Microsoft Corporation", "Microsoft OneDrive", "Microsoft OneDrive"},
	"procdump64.exe":   {"Sysinternals - www.sysinternals.com", "ProcDump", "Sysinternals process dump utility"},
	"procdump.exe":     {"Sysinternals - www.sysinternals.com", "ProcDump", "Sysinternals process dump utility"},
	"psexec.exe":       {"Sysinternals - www.sysinternals.com", "Sysinternals PsExec", "Execute processes remotely"},
	"psexesvc.exe":     {"Sysinternals", "Sysinternals PsExec", "PsExec Service"},
	"schtasks.exe":     {"Microsoft Corporation", "Microsoft® Windows® Operating System", "Task Scheduler Configuration Tool"},
	"googleupdate.exe": {"Google LLC", "Google Update", "Google Installer"},
	"mpcmdrun.exe":     {"Microsoft Corporation", "Microsoft Malware Protection", "Microsoft Malware Protection Command Line Utility"},
	"code.exe":         {"Microsoft Corporation", "Visual Studio Code", "Visual Studio Code"},
	"acrobat.exe":      {"Adobe Systems Incorporated", "Adobe Acrobat", "Adobe Acrobat"},
}

// images caches the image of each path; a world owns one.
type images map[string]*image

func (c images) get(path string) *image {
	if im, ok := c[path]; ok {
		return im
	}
	im := newImage(path)
	im.bSHA1, im.bSHA256, im.bMD5 = box(im.sha1), box(im.sha256), box(im.md5)
	im.bCompany, im.bProduct, im.bDesc, im.bOriginal = box(im.company), box(im.product), box(im.desc), box(im.original)
	im.bSize = im.size
	c[path] = im
	return im
}

// newImage describes the file at path.
func newImage(path string) *image {
	i := strings.LastIndexByte(path, '\\')
	if i < 0 {
		i = strings.LastIndexByte(path, '/')
	}
	im := &image{path: path, dir: path[:max(i, 0)], name: path[i+1:]}
	key := strings.ToLower(im.name)
	if info, ok := imageInfo[key]; ok {
		im.company, im.product, im.desc = info[0], info[1], info[2]
	} else if strings.HasPrefix(strings.ToLower(path), `c:\windows\`) {
		im.company, im.product = "Microsoft Corporation", "Microsoft® Windows® Operating System"
	}
	if im.company != "" {
		im.original = im.name
	}
	// Per-user copies of a program (AppData) are the same binary.
	canon := strings.ToLower(path)
	if j := strings.Index(canon, `\appdata\`); j >= 0 && strings.HasPrefix(canon, `c:\users\`) {
		canon = canon[j:]
	}
	s1, s256, m5 := sha1.Sum([]byte("h1:"+canon)), sha256.Sum256([]byte("h256:"+canon)), md5.Sum([]byte("h5:"+canon))
	im.sha1, im.sha256, im.md5 = hex.EncodeToString(s1[:]), hex.EncodeToString(s256[:]), hex.EncodeToString(m5[:])
	im.size = 40_000 + int64(s256[0])<<12 + int64(s256[1])<<4
	im.bPath, im.bName = im.path, im.name
	return im
}
