package demo

import (
	"strings"
	"time"
)

// azureOp is an Azure Resource Manager operation type.
type azureOp struct {
	value, name, method, resType string
	weight                       float64
}

var azureOps = []azureOp{
	{"Microsoft.Compute/virtualMachines/write", "Create or Update Virtual Machine", "PUT", "Microsoft.Compute/virtualMachines", 3},
	{"Microsoft.Compute/virtualMachines/start/action", "Start Virtual Machine", "POST", "Microsoft.Compute/virtualMachines", 3},
	{"Microsoft.Compute/virtualMachines/deallocate/action", "Deallocate Virtual Machine", "POST", "Microsoft.Compute/virtualMachines", 2},
	{"Microsoft.Resources/deployments/write", "Create Deployment", "PUT", "Microsoft.Resources/deployments", 4},
	{"Microsoft.Web/sites/write", "Create or Update Web App", "PUT", "Microsoft.Web/sites", 3},
	{"Microsoft.Web/sites/restart/action", "Restart Web App", "POST", "Microsoft.Web/sites", 2},
	{"Microsoft.Network/networkSecurityGroups/securityRules/write", "Create or Update Security Rule", "PUT", "Microsoft.Network/networkSecurityGroups", 1},
	{"Microsoft.Storage/storageAccounts/listKeys/action", "List Storage Account Keys", "POST", "Microsoft.Storage/storageAccounts", 2},
	{"Microsoft.KeyVault/vaults/write", "Update Key Vault", "PUT", "Microsoft.KeyVault/vaults", 1},
	{"Microsoft.Sql/servers/databases/write", "Create/Update Database", "PUT", "Microsoft.Sql/servers/databases", 1},
	{"Microsoft.Insights/diagnosticSettings/write", "Create or update resource diagnostic setting", "PUT", "Microsoft.Insights/diagnosticSettings", 1},
}

// azureResources are the organisation's Azure resources by type.
func (w *world) azureResource(r *rng, resType string) string {
	slug := w.org.tenantSlug()
	names := map[string][]string{
		"Microsoft.Compute/virtualMachines":       {"build01", "vm-" + slug + "-jump", "vm-analytics01"},
		"Microsoft.Resources/deployments":         {"portal-release", "infra-main", "analytics-stack"},
		"Microsoft.Web/sites":                     {"app-" + slug + "-portal", "app-" + slug + "-api"},
		"Microsoft.Network/networkSecurityGroups": {"nsg-build", "nsg-web"},
		"Microsoft.Storage/storageAccounts":       {"st" + slug + "backup", "st" + slug + "data"},
		"Microsoft.KeyVault/vaults":               {"kv-" + slug + "-prod"},
		"Microsoft.Sql/servers/databases":         {"sql-" + slug + "/portal"},
		"Microsoft.Insights/diagnosticSettings":   {"send-to-sentinel"},
	}
	name := pick(r, names[resType])
	rt := resType
	if strings.Count(rt, "/") > 1 { // child resource: parent/child names
		parts := strings.Split(rt, "/")
		pn := strings.SplitN(name, "/", 2)
		if len(pn) == 2 {
			return "/subscriptions/" + w.org.SubscriptionID + "/resourceGroups/" + w.org.ResourceGroup + "/providers/" + parts[0] + "/" + parts[1] + "/" + pn[0] + "/" + parts[2] + "/" + pn[1]
		}
	}
	return "/subscriptions/" + w.org.SubscriptionID + "/resourceGroups/" + w.org.ResourceGroup + "/providers/" + rt + "/" + name
}

// azureActivityHour writes the Azure activity log: engineers and admins
// changing resources (a Started and a Succeeded record per operation).
func (w *world) azureActivityHour(e *emitter, h int) {
	c := w.cols.azure
	r := newRNG(w.seed, "azure", h)
	ops := make([]float64, len(azureOps))
	for i, op := range azureOps {
		ops[i] = op.weight
	}
	pickOp := newWeighted(azureOps, ops)
	for n, i, tries := w.quota(r, w.vol.azure, true, h), 0, 0; i < n && tries < 50*n; tries++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		u := sg.s.User
		if u.Department != "Engineering" && u.Department != "IT" {
			continue
		}
		op := pickOp.pick(r)
		res := w.azureResource(r, op.resType)
		corr := r.guid()
		ip := sg.s.PublicIP.String()
		for k, status := range []string{"Started", "Succeeded"} {
			at := t.Add(time.Duration(k) * r.durIn(2*time.Second, 90*time.Second))
			row := e.row(at.Add(2 * time.Minute))
			w.azureRow(row, c, at, u.UPN, ip, op, res, corr, status)
			i++
		}
	}
}

func (w *world) azureRow(row *rowBuf, c *azureActivityCols, t time.Time, caller, ip string, op azureOp, res, corr, status string) {
	row.str(c.OperationName, op.name)
	row.str(c.OperationNameValue, strings.ToUpper(op.value))
	row.set(c.Level, "Informational")
	row.str(c.ActivityStatus, status)
	row.set(c.ActivitySubstatus, "")
	if status == "Started" {
		row.set(c.ActivityStatusValue, "Start")
	} else {
		row.set(c.ActivityStatusValue, "Success")
		row.set(c.ActivitySubstatusValue, "OK")
		row.set(c.ActivitySubstatus, "OK (HTTP Status Code: 200)")
	}
	row.str(c.ResourceGroup, strings.ToUpper(w.org.ResourceGroup))
	row.str(c.SubscriptionId, w.org.SubscriptionID)
	row.str(c.CorrelationId, corr)
	row.str(c.Caller, caller)
	row.str(c.CallerIpAddress, ip)
	row.set(c.Category, "Administrative")
	row.set(c.CategoryValue, "Administrative")
	prov := op.value[:strings.IndexByte(op.value, '/')]
	row.str(c.ResourceProvider, prov)
	row.str(c.ResourceProviderValue, strings.ToUpper(prov))
	row.str(c.ResourceId, strings.ToUpper(res))
	row.str(c.Resource, res[strings.LastIndexByte(res, '/')+1:])
	row.set(c.EventSubmissionTimestamp, t)
	auth := map[string]any{"action": op.value, "scope": res, "evidence": map[string]any{"role": "Contributor", "principalType": "User"}}
	row.str(c.Authorization, jsonText(auth))
	row.set(c.Authorization_d, auth)
	claims := map[string]any{"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": caller, "ipaddr": ip, "appid": "c44b4083-3bb0-49c1-b47d-974e53cbdf3c"}
	row.str(c.Claims, jsonText(claims))
	row.set(c.Claims_d, claims)
	props := map[string]any{"eventCategory": "Administrative", "entity": res, "message": op.value, "hierarchy": w.org.TenantID + "/" + w.org.SubscriptionID}
	row.str(c.Properties, jsonText(props))
	row.set(c.Properties_d, props)
	row.str(c.HTTPRequest, `{"clientRequestId":"`+siteGUID(corr+status)+`","clientIpAddress":"`+ip+`","method":"`+op.method+`"}`)
	row.str(c.OperationId, siteGUID(corr))
	row.str(c.EventDataId, siteGUID(corr+status+"e"))
	row.str(c.Hierarchy, w.org.TenantID+"/"+w.org.SubscriptionID)
	row.set(c.SourceSystem, "Azure")
}
