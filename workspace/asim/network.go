package asim

// The Network Session schema: connections seen by Defender for Endpoint
// on devices, firewalls in CommonSecurityLog (CEF) and the VM insights
// connection map.
var networkSession = Parser{
	Names:  []string{"_Im_NetworkSession", "imNetworkSession", "_ASim_NetworkSession", "ASimNetworkSession"},
	Schema: "NetworkSession",
	Tables: []string{"DeviceNetworkEvents", "CommonSecurityLog", "VMConnection"},
	Source: networkSessionSource,
}

const networkSessionSource = `(starttime:datetime=datetime(null), endtime:datetime=datetime(null),
 srcipaddr_has_any_prefix:dynamic=dynamic([]), dstipaddr_has_any_prefix:dynamic=dynamic([]),
 ipaddr_has_any_prefix:dynamic=dynamic([]), dstportnumber:int=int(null),
 hostname_has_any:dynamic=dynamic([]), dvcaction:dynamic=dynamic([]),
 eventresult:string='*') {
let Defender = DeviceNetworkEvents
 | where ActionType in ('ConnectionSuccess', 'ConnectionFailed', 'ConnectionAttempt', 'InboundConnectionAccepted', 'ConnectionFound', 'ListeningConnectionCreated')
 | extend Inbound = ActionType == 'InboundConnectionAccepted'
 | project TimeGenerated, Type = 'DeviceNetworkEvents', EventType = 'EndpointNetworkSession',
   EventResult = iff(ActionType == 'ConnectionFailed', 'Failure', 'Success'),
   EventOriginalType = ActionType, EventProduct = 'M365 Defender for Endpoint', EventVendor = 'Microsoft',
   SrcIpAddr = iff(Inbound, RemoteIP, LocalIP), SrcPortNumber = iff(Inbound, RemotePort, LocalPort),
   DstIpAddr = iff(Inbound, LocalIP, RemoteIP), DstPortNumber = iff(Inbound, LocalPort, RemotePort),
   SrcHostname = iff(Inbound, '', DeviceName), DstHostname = iff(Inbound, DeviceName, ''),
   DstDomain = RemoteUrl, NetworkProtocol = toupper(Protocol),
   NetworkDirection = iff(Inbound, 'Inbound', 'Outbound'), DvcAction = '',
   SrcBytes = long(null), DstBytes = long(null),
   SrcUsername = iff(isnotempty(InitiatingProcessAccountDomain), strcat(InitiatingProcessAccountDomain, @'\', InitiatingProcessAccountName), InitiatingProcessAccountName),
   SrcProcessName = InitiatingProcessFolderPath, DstProcessName = '',
   DvcHostname = DeviceName, DvcId = DeviceId;
let Firewall = CommonSecurityLog
 | where isnotempty(SourceIP) and isnotempty(DestinationIP)
 | project TimeGenerated, Type = 'CommonSecurityLog', EventType = 'NetworkSession',
   EventResult = iff(DeviceAction in~ ('deny', 'drop', 'reset-both', 'reset-client', 'reset-server', 'block', 'blocked'), 'Failure', 'Success'),
   EventOriginalType = Activity, EventProduct = DeviceProduct, EventVendor = DeviceVendor,
   SrcIpAddr = SourceIP, SrcPortNumber = SourcePort, DstIpAddr = DestinationIP, DstPortNumber = DestinationPort,
   SrcHostname = SourceHostName, DstHostname = DestinationHostName, DstDomain = DestinationDnsDomain,
   NetworkProtocol = toupper(Protocol),
   NetworkDirection = case(CommunicationDirection in~ ('0', 'inbound'), 'Inbound', CommunicationDirection in~ ('1', 'outbound'), 'Outbound', ''),
   DvcAction = case(DeviceAction in~ ('allow', 'accept', 'permit', 'alert'), 'Allow',
     DeviceAction in~ ('deny', 'block', 'blocked'), 'Deny',
     DeviceAction in~ ('drop'), 'Drop',
     DeviceAction startswith 'reset', 'Reset', DeviceAction),
   SrcBytes = tolong(SentBytes), DstBytes = tolong(ReceivedBytes),
   SrcUsername = SourceUserName, SrcProcessName = '', DstProcessName = '',
   DvcHostname = DeviceName, DvcId = '';
let ConnectionMap = VMConnection
 | project TimeGenerated, Type = 'VMConnection', EventType = 'NetworkSession',
   EventResult = iff(LinksFailed > 0 and LinksEstablished == 0, 'Failure', 'Success'),
   EventOriginalType = Direction, EventProduct = 'VMConnection', EventVendor = 'Microsoft',
   SrcIpAddr = SourceIp, SrcPortNumber = int(null), DstIpAddr = DestinationIp, DstPortNumber = DestinationPort,
   SrcHostname = iff(Direction == 'outbound', Computer, ''), DstHostname = iff(Direction == 'inbound', Computer, ''),
   DstDomain = '', NetworkProtocol = toupper(Protocol),
   NetworkDirection = case(Direction == 'inbound', 'Inbound', Direction == 'outbound', 'Outbound', ''),
   DvcAction = '', SrcBytes = BytesSent, DstBytes = BytesReceived,
   SrcUsername = '', SrcProcessName = iff(Direction == 'outbound', ProcessName, ''), DstProcessName = iff(Direction == 'inbound', ProcessName, ''),
   DvcHostname = Computer, DvcId = AgentId;
union Defender, Firewall, ConnectionMap
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime
| where array_length(srcipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(SrcIpAddr, srcipaddr_has_any_prefix)
| where array_length(dstipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(DstIpAddr, dstipaddr_has_any_prefix)
| where array_length(ipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(SrcIpAddr, ipaddr_has_any_prefix) or has_any_ipv4_prefix(DstIpAddr, ipaddr_has_any_prefix)
| where isnull(dstportnumber) or DstPortNumber == dstportnumber
| where array_length(hostname_has_any) == 0 or SrcHostname has_any (hostname_has_any) or DstHostname has_any (hostname_has_any) or DstDomain has_any (hostname_has_any)
| where array_length(dvcaction) == 0 or DvcAction in~ (dvcaction)
| where eventresult == '*' or EventResult =~ eventresult
| extend EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
   EventSchema = 'NetworkSession', EventSchemaVersion = '0.2.7',
   Dvc = DvcHostname, Src = SrcIpAddr, Dst = DstIpAddr, IpAddr = SrcIpAddr, Hostname = DstHostname,
   NetworkBytes = SrcBytes + DstBytes
}`
