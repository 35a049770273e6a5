"""Field-feedback synthesis: themes, counts, verbatim quotes and trends, finalised by a human."""
