package decode

import (
	"bytes"
	"encoding/binary"
)

// File types are recognised by their leading magic numbers. The table is
// small and specific to what hunting needs (executables of every platform,
// documents that carry macros or exploits, archives and compressed streams,
// images a payload hides in); a general MIME sniffer would add a dependency
// and still not tell a PE from a DOS stub or an OLE document from a zip.

// signature is a magic number at the start of a file (tar's, at offset
// 257, is checked apart).
type signature struct {
	offset int
	magic  string
	name   string
}

var signatures = []signature{
	{0, "\x7fELF", "elf"},
	{0, "%PDF-", "pdf"},
	{0, "PK\x03\x04", "zip"},
	{0, "PK\x05\x06", "zip"}, // empty archive
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"},
	{0, "\x1f\x8b", "gzip"},
	{0, "BZh", "bzip2"},
	{0, "7z\xbc\xaf\x27\x1c", "7z"},
	{0, "Rar!\x1a\x07", "rar"},
	{0, "\xfd7zXZ\x00", "xz"},
	{0, "\x28\xb5\x2f\xfd", "zstd"},
	{0, "MSCF", "cab"},
	{0, "\x89PNG\r\n\x1a\n", "png"},
	{0, "\xff\xd8\xff", "jpeg"},
	{0, "GIF87a", "gif"},
	{0, "GIF89a", "gif"},
	{0, "II*\x00", "tiff"},
	{0, "MM\x00*", "tiff"},
	{0, "\xca\xfe\xba\xbe", "java_class"}, // also a fat Mach-O: both are code
	{0, "\xfe\xed\xfa\xce", "macho"},
	{0, "\xfe\xed\xfa\xcf", "macho"},
	{0, "\xce\xfa\xed\xfe", "macho"},
	{0, "\xcf\xfa\xed\xfe", "macho"},
	{0, "L\x00\x00\x00\x01\x14\x02\x00", "lnk"},
	{0, "dex\n", "dex"},
	{0, "\x00asm", "wasm"},
	{0, "SQLite format 3\x00", "sqlite"},
	{0, "!<arch>\n", "ar"},
	{0, "ITSF", "chm"},
	{0, "regf", "registry_hive"},
	{0, "ElfFile\x00", "evtx"},
	{0, "\xd4\xc3\xb2\xa1", "pcap"},
	{0, "\xa1\xb2\xc3\xd4", "pcap"},
	{0, "\x0a\x0d\x0d\x0a", "pcapng"},
	{0, "{\\rtf", "rtf"},
}

// sigsByFirst indexes the signatures by their first byte: fileType runs on
// every candidate fragment, most of which match nothing.
var sigsByFirst = func() (t [256][]signature) {
	for _, s := range signatures {
		t[s.magic[0]] = append(t[s.magic[0]], s)
	}
	return t
}()

// fileType names the type of data from its magic number, "" when unknown.
// A "MZ" header is "pe" when its PE header is where e_lfanew says, "mz"
// (a DOS executable, or a damaged or truncated PE) otherwise.
func fileType(data []byte) string {
	if len(data) >= 2 && data[0] == 'M' && data[1] == 'Z' {
		return peType(data)
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return "webp"
	}
	if len(data) == 0 {
		return ""
	}
	for _, s := range sigsByFirst[data[0]] {
		if len(data) >= len(s.magic) && string(data[:len(s.magic)]) == s.magic {
			return s.name
		}
	}
	if len(data) >= 262 && string(data[257:262]) == "ustar" {
		return "tar"
	}
	if isZlib(data) {
		return "zlib"
	}
	return ""
}

// peType checks the PE signature that e_lfanew (at 0x3c) points to.
func peType(data []byte) string {
	if len(data) < 0x40 {
		return "mz"
	}
	off := int64(binary.LittleEndian.Uint32(data[0x3c:]))
	if off+4 > int64(len(data)) || !bytes.Equal(data[off:off+4], []byte("PE\x00\x00")) {
		return "mz"
	}
	return "pe"
}

// isZlib recognises a zlib header: deflate with a window of at most 32 KiB
// and a header checksum that holds (one in 31 random pairs would pass the
// checksum alone, so the method must be deflate too).
func isZlib(data []byte) bool {
	if len(data) < 6 {
		return false
	}
	cmf, flg := data[0], data[1]
	return cmf&0x0f == 8 && cmf>>4 <= 7 && (uint16(cmf)<<8|uint16(flg))%31 == 0 && flg&0x20 == 0
}

// archiveType refines a zip by its members: Office Open XML documents,
// Java archives and Android packages are zips with a telling first file.
func archiveType(names []string) string {
	for _, n := range names {
		switch n {
		case "[Content_Types].xml":
			return "ooxml"
		case "META-INF/MANIFEST.MF":
			return "jar"
		case "AndroidManifest.xml":
			return "apk"
		}
	}
	return "zip"
}

// shortMagic reports the types recognised by fewer than four bytes.
func shortMagic(ftype string) bool {
	switch ftype {
	case "mz", "jpeg":
		return true
	}
	return false
}
