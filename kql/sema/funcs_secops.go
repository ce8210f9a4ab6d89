package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/secops/ioc"
	"github.com/huntbook/huntbook/table"
)

// secopsFuncs are the scalar functions over the security analytics of
// secops/ (the engine registers them as Go UDFs).
func secopsFuncs() []*Function {
	extract := fnT("extract_iocs", table.Dynamic, p(PText), opt(PStrDyn))
	extract.Constant = []int{1}
	extract.Check = checkExtractIoCs
	return []*Function{
		extract,
		fnT("base64_unpack", table.String, p(PText)),
	}
}

// checkExtractIoCs types extract_iocs(text [, types]) and checks a
// constant list of types here, where the error can point at it.
func checkExtractIoCs(c *checker, call *syntax.Call, args []Expr) ([]Expr, table.Type) {
	f, _ := LookupFunction("extract_iocs")
	checked := c.resolve(call, &Function{Name: f.Name, Kind: f.Kind, Sigs: f.Sigs}, args).(*Call)
	if len(args) > 1 {
		if lit, ok := args[1].(*Literal); ok {
			var names []string
			switch v := lit.Value.(type) {
			case string:
				names = []string{v}
			case []any:
				for _, el := range v {
					s, ok := el.(string)
					if !ok {
						c.errorf(call.Args[1], "the types of extract_iocs() must be strings")
					}
					names = append(names, s)
				}
			}
			if _, err := ioc.ParseTypes(names...); err != nil {
				c.errorf(call.Args[1], "extract_iocs(): %v", err)
			}
		}
	}
	return checked.Args, checked.T
}
