// Package proctree builds process trees from process-creation events.
//
// It reads the rows of a result table, detects which of five event schemas
// the columns follow (see [DetectSchema]), links every process to its
// parent and returns the forest in an order suitable for drawing:
//
//   - Windows Security 4688 (SecurityEvent): NewProcessId, ProcessId (the
//     creator), NewProcessName, ParentProcessName, CommandLine, Computer,
//     TimeGenerated. Pids are hex text ("0x1a4").
//   - Sysmon event 1: ProcessGuid, ParentProcessGuid, ProcessId,
//     ParentProcessId, Image, ParentImage, CommandLine, Computer or
//     Hostname, UtcTime.
//   - Defender for Endpoint DeviceProcessEvents: ProcessId,
//     InitiatingProcessId, ProcessCreationTime, InitiatingProcessCreationTime,
//     FileName, InitiatingProcessFileName, DeviceName, and the initiating
//     process's own parent (InitiatingProcessParentId, ...FileName,
//     ...CreationTime).
//   - Defender for Endpoint's raw export (CreatedProcessId,
//     CreatedProcessName, CreatedProcessCreationTime, InitiatingProcessId,
//     ...), the form of MSTICPy's mde_proc_cs1.csv.
//   - Linux auditd / Syslog execve records: pid, ppid, exe, cmdline, host.
//
// # Linking
//
// A process is linked to its parent by the strongest evidence the schema
// has: the parent's GUID (Sysmon); the parent's pid and creation time
// (Defender, exact); otherwise the most recent process with the parent's pid
// created on the same host no later than the child, because Windows and
// Linux reuse pids. When the schema names the parent's image and it differs
// from that candidate's, the candidate is a different process that happened
// to have the pid, and the child is treated as an orphan. Every orphan gets
// an inferred parent node (from ParentProcessName / InitiatingProcess*
// where the schema has them), shared by the orphans of the same host, pid
// and image; Defender's initiating-parent columns add an inferred
// grandparent too.
//
// # KQL surface
//
// The engine exposes [Build] and [Tree.Table] as
//
//	T | evaluate process_tree()
//
// which returns T's columns plus
//
//	ProcessKey  string  host|pid|creation time (or the Sysmon ProcessGuid)
//	ParentKey   string  the parent's ProcessKey, "" for a root
//	Depth       long    0 for a root
//	Path        string  the keys from the root down to this process, "/"-separated
//	IsRoot      bool
//	IsLeaf      bool
//	IsInferred  bool    true for a parent node the events only mention
//	TreeOrder   long    the depth-first drawing order (rows come out in it)
//
// with one extra row per inferred node, and `render processtree` draws it.
package proctree
