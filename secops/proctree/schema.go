package proctree

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind names an event schema.
type Kind string

// The supported schemas.
const (
	Windows4688         Kind = "SecurityEvent 4688"
	Sysmon1             Kind = "Sysmon event 1"
	DeviceProcessEvents Kind = "DeviceProcessEvents"
	MDERaw              Kind = "Defender raw process events"
	LinuxExecve         Kind = "Linux execve"
)

// Schema maps the roles a process tree needs to the columns of one input.
// A role's column is "" when the input does not have it.
type Schema struct {
	Kind        Kind
	Host        string // computer or device name; absent = one host
	PID         string // the created process
	ParentPID   string
	Name        string // image path or file name of the created process
	ParentName  string
	CommandLine string
	Time        string // creation time of the created process
	GUID        string // Sysmon ProcessGuid
	ParentGUID  string
	ParentTime  string // creation time of the parent (Defender)
	// The parent's parent, which Defender records with every event.
	GrandparentPID, GrandparentName, GrandparentTime string
}

type role int

const (
	rHost role = iota
	rPID
	rParentPID
	rName
	rParentName
	rCommandLine
	rTime
	rGUID
	rParentGUID
	rParentTime
	rGPID
	rGPName
	rGPTime
	numRoles
)

// schemaDef lists, per role, the column names that can fill it (first
// present wins) and which roles an input must have.
type schemaDef struct {
	kind     Kind
	columns  [numRoles][]string
	required []role
}

var schemaDefs = []schemaDef{
	{
		kind: Sysmon1,
		columns: [numRoles][]string{
			rHost: {"Computer", "Hostname", "host.name", "host"}, rPID: {"ProcessId"}, rParentPID: {"ParentProcessId"},
			rName: {"Image"}, rParentName: {"ParentImage"}, rCommandLine: {"CommandLine"},
			rTime: {"UtcTime", "TimeCreated", "TimeGenerated", "EventTime", "@timestamp"},
			rGUID: {"ProcessGuid"}, rParentGUID: {"ParentProcessGuid"},
		},
		required: []role{rPID, rParentPID, rName},
	},
	{
		kind: MDERaw,
		columns: [numRoles][]string{
			rHost: {"ComputerDnsName", "DeviceName", "MachineId"}, rPID: {"CreatedProcessId"}, rParentPID: {"InitiatingProcessId"},
			rName: {"CreatedProcessName"}, rParentName: {"InitiatingProcessName"},
			rCommandLine: {"CreatedProcessCommandLine"}, rTime: {"CreatedProcessCreationTime"},
			rParentTime: {"InitiatingProcessCreationTime"}, rGPID: {"InitiatingProcessParentProcessId"},
			rGPName: {"InitiatingProcessParentProcessName"}, rGPTime: {"InitiatingProcessParentCreationTime"},
		},
		required: []role{rPID, rParentPID, rTime},
	},
	{
		kind: DeviceProcessEvents,
		columns: [numRoles][]string{
			rHost: {"DeviceName", "DeviceId"}, rPID: {"ProcessId"}, rParentPID: {"InitiatingProcessId"},
			rName: {"FileName", "FolderPath"}, rParentName: {"InitiatingProcessFileName", "InitiatingProcessFolderPath"},
			rCommandLine: {"ProcessCommandLine"}, rTime: {"ProcessCreationTime", "Timestamp"},
			rParentTime: {"InitiatingProcessCreationTime"}, rGPID: {"InitiatingProcessParentId"},
			rGPName: {"InitiatingProcessParentFileName"}, rGPTime: {"InitiatingProcessParentCreationTime"},
		},
		required: []role{rPID, rParentPID, rTime},
	},
	{
		kind: Windows4688,
		columns: [numRoles][]string{
			rHost: {"Computer", "Hostname", "DeviceName"}, rPID: {"NewProcessId"}, rParentPID: {"ProcessId"},
			rName: {"NewProcessName"}, rParentName: {"ParentProcessName"}, rCommandLine: {"CommandLine"},
			rTime: {"TimeGenerated", "TimeCreatedUtc", "TimeCreated", "EventTime", "@timestamp"},
		},
		required: []role{rPID, rParentPID, rTime},
	},
	{
		kind: LinuxExecve,
		columns: [numRoles][]string{
			rHost: {"host", "Computer", "hostname", "HostName"}, rPID: {"pid"}, rParentPID: {"ppid"},
			rName: {"exe", "comm", "Image"}, rCommandLine: {"cmdline", "CommandLine", "proctitle"},
			rTime: {"TimeGenerated", "timestamp", "time", "@timestamp", "EventTime"},
		},
		required: []role{rPID, rParentPID, rTime},
	},
}

var roleNames = [numRoles]string{"host", "pid", "parent pid", "name", "parent name", "command line", "time",
	"guid", "parent guid", "parent time", "grandparent pid", "grandparent name", "grandparent time"}

// ErrNoSchema reports columns that fit none of the supported schemas.
var ErrNoSchema = errors.New("proctree: no process-creation schema fits the columns")

// DetectSchema finds the schema the columns follow. Column names match
// case-insensitively; the first schema whose required roles all have a
// column wins, in the order Sysmon, Defender raw, DeviceProcessEvents, 4688,
// Linux (Sysmon and 4688 both have a ProcessId column, with different
// meanings, and are told apart by ParentProcessId and NewProcessId). The
// error names, for the closest schemas, the columns they miss.
func DetectSchema(columns []string) (Schema, error) {
	index := make(map[string]string, len(columns))
	for _, c := range columns {
		k := strings.ToLower(c)
		if _, dup := index[k]; !dup {
			index[k] = c
		}
	}
	type miss struct {
		kind    Kind
		missing []string
	}
	var misses []miss
	for _, d := range schemaDefs {
		var found [numRoles]string
		for r, names := range d.columns {
			for _, n := range names {
				if c, ok := index[strings.ToLower(n)]; ok {
					found[r] = c
					break
				}
			}
		}
		var missing []string
		for _, r := range d.required {
			if found[r] == "" {
				missing = append(missing, d.columns[r][0])
			}
		}
		if len(missing) == 0 {
			return schemaOf(d.kind, found), nil
		}
		misses = append(misses, miss{d.kind, missing})
	}
	sort.SliceStable(misses, func(i, j int) bool { return len(misses[i].missing) < len(misses[j].missing) })
	var b strings.Builder
	for i, m := range misses[:2] {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s lacks %s", m.kind, strings.Join(m.missing, ", "))
	}
	return Schema{}, fmt.Errorf("%w (%s)", ErrNoSchema, b.String())
}

func schemaOf(k Kind, f [numRoles]string) Schema {
	return Schema{
		Kind: k, Host: f[rHost], PID: f[rPID], ParentPID: f[rParentPID], Name: f[rName], ParentName: f[rParentName],
		CommandLine: f[rCommandLine], Time: f[rTime], GUID: f[rGUID], ParentGUID: f[rParentGUID],
		ParentTime: f[rParentTime], GrandparentPID: f[rGPID], GrandparentName: f[rGPName], GrandparentTime: f[rGPTime],
	}
}

// columnsByRole lists the schema's columns in role order.
func (s Schema) columnsByRole() [numRoles]string {
	return [numRoles]string{s.Host, s.PID, s.ParentPID, s.Name, s.ParentName, s.CommandLine, s.Time,
		s.GUID, s.ParentGUID, s.ParentTime, s.GrandparentPID, s.GrandparentName, s.GrandparentTime}
}

// String describes the mapping, for error messages and tests.
func (s Schema) String() string {
	var b strings.Builder
	b.WriteString(string(s.Kind))
	for r, c := range s.columnsByRole() {
		if c != "" {
			fmt.Fprintf(&b, " %s=%s", strings.ReplaceAll(roleNames[r], " ", "_"), c)
		}
	}
	return b.String()
}
