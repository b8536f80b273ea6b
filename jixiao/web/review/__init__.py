"""The finance bureau's work: the status board of a year, one evaluation under review with a comment
thread per field, and the workflow steps a reviewer takes (return, approve, publish)."""
