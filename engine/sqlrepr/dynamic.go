package sqlrepr

func dynamicFuncs() []Func { return nil }

func dynamicUDFs() []UDF { return nil }

func dynamicMacros() []Macro { return nil }
