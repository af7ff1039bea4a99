"""One module per data file: parse and validate into a typed model, collecting problems."""
