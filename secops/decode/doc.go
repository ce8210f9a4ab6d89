// Package decode finds encoded data inside text and unpacks it: base64
// (also wrapped across lines, and the URL alphabet), hex ("4d5a90...",
// "\x4d\x5a...", "0x4d,0x5a,..."), percent-encoding (%XX and %uXXXX), and
// the argument of PowerShell's -EncodedCommand (UTF-16LE base64, under any
// switch prefix PowerShell accepts: -e, -ec, -en, -enc, ...). Decoded data
// is decompressed (gzip, zlib, raw deflate as PowerShell's DeflateStream
// writes it, bzip2), unpacked (zip, tar) and identified by magic number
// (pe, elf, macho, pdf, ole, ooxml, lnk, png, ...); files are hashed
// (MD5, SHA1, SHA256), and decoded text is scanned again, recursively. It
// is plain Go on strings, the counterpart of MSTICPy's base64unpack, and
// the engine exposes it to KQL.
//
// # Go API
//
//	res, err := decode.Unpack(ctx, text, decode.Limits{}) // zero Limits = DefaultLimits()
//	res.Text   // the input with every fragment replaced by its decoded form
//	res.Steps  // one Step per decoded fragment or archive member
//	res.Limit  // the first limit reached, "" when none
//
// err is nil, ctx's error, or a *LimitError (errors.Is(err,
// decode.ErrLimit)); in every case res holds everything decoded.
//
// # What is reported
//
// A fragment is reported when it decodes to printable text (UTF-8 or
// UTF-16), to a known file type, or to something that decompresses; a
// base64 run that decodes to unknown binary is reported only when it looks
// like encoded binary (64 characters or more, mixing upper and lower case
// and digits), a hex run only when it encodes 64 bytes or more. "\x" and
// "0x" byte lists and percent-encoded tokens are always reported. So words,
// paths, hex digests and GUIDs, which are all base64-alphabet runs, are
// left alone.
//
// # Limits
//
// Every decoding is bounded (see Limits): nesting depth (of decodings and
// of compression layers), bytes produced per stream or member and in
// total, archive members (checked against the zip's central directory
// before it is read) and steps. A zip bomb, a nested zip bomb or a gzip
// quine is refused with a LimitError naming the limit; the step that hit
// it carries the message in Step.Limit, and memory stays within the byte
// limits.
//
// # KQL functions built on this package
//
// base64_unpack(text) returns Result.Text: the text with each encoded
// fragment replaced by its decoded text (decoded again where it contains
// more fragments), each binary by "[TYPE SIZE bytes sha256 HASH]" and each
// archive by "[TYPE N members sha256 HASH: NAME: CONTENT; ...]". It
// ignores the error: a limit leaves "[TYPE: message]" in place of what it
// stopped. Text without fragments is returned unchanged.
//
// evaluate decode_unpack(Column) emits one row per Step of
// Unpack(row[Column]) (rows without fragments emit nothing), with the input
// row's columns followed by
//
//	Step       long    Step.Index, 0-based within the source row
//	Parent     long    Step.Parent (-1 for a fragment of the column)
//	Depth      long    Step.Depth
//	Encoding   string  strings.Join(Step.Chain, ">"), e.g. "base64>gzip>utf16le"
//	FileType   string  Step.FileType ("text", "pe", "zip", "data", ...)
//	Member     string  Step.Member
//	Decoded    string  Step.Text ("" for binaries)
//	Size       long    Step.Size
//	MD5        string  Step.MD5
//	SHA1       string  Step.SHA1
//	SHA256     string  Step.SHA256
//	Encoded    string  Step.Encoded
//	Offset     long    Step.Start (byte offset in the parent's text)
//	Limit      string  Step.Limit, or Step.Error when that is set
//
// The columns follow MSTICPy's unpack_df (reference, original_string,
// file_type, decoded_string, md5, sha1, sha256, ...) under KQL-style names.
package decode
