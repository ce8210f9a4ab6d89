package asim

// The Registry Event schema: keys and values created, set, renamed and
// deleted, from Defender for Endpoint, Sysmon (12, 13, 14) and Windows
// object access auditing (4657).
var registryEvent = Parser{
	Names:  []string{"_Im_RegistryEvent", "imRegistry", "_ASim_RegistryEvent", "ASimRegistry", "ASimRegistryEvent"},
	Schema: "RegistryEvent",
	Tables: []string{"DeviceRegistryEvents", "WindowsEvent", "Event", "SecurityEvent"},
	Source: withSysmon(registryEventSource),
}

const registryEventSource = `(starttime:datetime=datetime(null), endtime:datetime=datetime(null),
 eventtype_in:dynamic=dynamic([]), actorusername_has_any:dynamic=dynamic([]),
 registrykey_has_any:dynamic=dynamic([]), registryvalue_has_any:dynamic=dynamic([]),
 registryvaluedata_has_any:dynamic=dynamic([]), dvchostname_has_any:dynamic=dynamic([])) {
let Defender = DeviceRegistryEvents
 | where ActionType in ('RegistryKeyCreated', 'RegistryKeyDeleted', 'RegistryKeyRenamed', 'RegistryValueSet', 'RegistryValueDeleted')
 | project TimeGenerated, Type = 'DeviceRegistryEvents', EventType = ActionType, EventOriginalType = ActionType,
   EventProduct = 'M365 Defender for Endpoint', EventVendor = 'Microsoft',
   RegistryKey, RegistryValue = RegistryValueName, RegistryValueData, RegistryValueType,
   RegistryPreviousKey = PreviousRegistryKey, RegistryPreviousValue = PreviousRegistryValueName,
   RegistryPreviousValueData = PreviousRegistryValueData,
   ActorUsername = iff(isnotempty(InitiatingProcessAccountDomain), strcat(InitiatingProcessAccountDomain, @'\', InitiatingProcessAccountName), InitiatingProcessAccountName),
   ActingProcessName = InitiatingProcessFolderPath, ActingProcessId = tostring(InitiatingProcessId),
   ParentProcessName = InitiatingProcessParentFileName, ParentProcessId = tostring(InitiatingProcessParentId),
   DvcHostname = DeviceName, DvcId = DeviceId;
let Sysmon = SYSMON
 | where EventID in (12, 13, 14)
 | extend SysmonType = F(EventType)
 | project TimeGenerated, Type,
   EventType = case(EventID == 13, 'RegistryValueSet', EventID == 14, 'RegistryKeyRenamed',
     SysmonType == 'CreateKey', 'RegistryKeyCreated', SysmonType == 'DeleteKey', 'RegistryKeyDeleted',
     SysmonType == 'DeleteValue', 'RegistryValueDeleted', 'RegistryKeyCreated'),
   EventOriginalType = tostring(EventID), EventProduct = 'Sysmon', EventVendor = 'Microsoft',
   RegistryKey = iff(EventID == 13, extract(@'^(.*)\\[^\\]*$', 1, F(TargetObject)), F(TargetObject)),
   RegistryValue = iff(EventID == 13, tostring(split(F(TargetObject), @'\')[-1]), ''),
   RegistryValueData = F(Details), RegistryValueType = '',
   RegistryPreviousKey = iff(EventID == 14, F(TargetObject), ''), RegistryPreviousValue = '',
   RegistryPreviousValueData = '',
   ActorUsername = F(User), ActingProcessName = F(Image),
   ActingProcessId = F(ProcessId), ParentProcessName = '', ParentProcessId = '',
   DvcHostname = Computer, DvcId = '';
let Auditing = SecurityEvent
 | where EventID == 4657
 | project TimeGenerated, Type = 'SecurityEvent',
   EventType = case(OperationType == '%%1904', 'RegistryValueSet', OperationType == '%%1906', 'RegistryValueDeleted', 'RegistryValueSet'),
   EventOriginalType = tostring(EventID), EventProduct = 'Security Events', EventVendor = 'Microsoft',
   RegistryKey = ObjectName, RegistryValue = ObjectValueName, RegistryValueData = NewValue,
   RegistryValueType = NewValueType, RegistryPreviousKey = '', RegistryPreviousValue = '',
   RegistryPreviousValueData = OldValue,
   ActorUsername = iff(isnotempty(Account), Account, strcat(SubjectDomainName, @'\', SubjectUserName)),
   ActingProcessName = ProcessName, ActingProcessId = ProcessId, ParentProcessName = '', ParentProcessId = '',
   DvcHostname = Computer, DvcId = '';
union Defender, SysmonNew, SysmonLegacy, Auditing
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime
| where array_length(eventtype_in) == 0 or EventType in~ (eventtype_in)
| where array_length(actorusername_has_any) == 0 or ActorUsername has_any (actorusername_has_any)
| where array_length(registrykey_has_any) == 0 or RegistryKey has_any (registrykey_has_any)
| where array_length(registryvalue_has_any) == 0 or RegistryValue has_any (registryvalue_has_any)
| where array_length(registryvaluedata_has_any) == 0 or RegistryValueData has_any (registryvaluedata_has_any)
| where array_length(dvchostname_has_any) == 0 or DvcHostname has_any (dvchostname_has_any)
| extend EventResult = 'Success', EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
   EventSchema = 'RegistryEvent', EventSchemaVersion = '0.1.3', Dvc = DvcHostname,
   Process = ActingProcessName, User = ActorUsername
}`
