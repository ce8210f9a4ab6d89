package demo

// GroundTruthTable is the table listing the stories hidden in the data.
const GroundTruthTable = "HuntbookGroundTruth"
